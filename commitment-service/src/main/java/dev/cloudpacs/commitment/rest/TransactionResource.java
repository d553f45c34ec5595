package dev.cloudpacs.commitment.rest;

import dev.cloudpacs.common.http.Problem;
import dev.cloudpacs.common.commitment.CommitmentTransactions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /commitment/transactions/{uid}}: a storage commitment transaction's state, for operators. */
@Path("/commitment/transactions")
public class TransactionResource {
    private final CommitmentTransactions transactions;

    public TransactionResource(CommitmentTransactions transactions) {
        this.transactions = transactions;
    }

    @GET
    @Path("/{uid}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("uid") String uid) {
        try {
            return transactions.load(uid).map(r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("transactionUid", r.transactionUid());
                out.put("requesterAe", r.requesterAe());
                out.put("state", r.state().name());
                out.put("references", r.request().references().size());
                if (r.result() != null) {
                    out.put("eventType", r.result().eventType());
                    out.put("committed", r.result().committed().size());
                    out.put("failed", r.result().failed());
                }
                out.put("attempts", r.attempts());
                out.put("lastError", r.lastError());
                return Response.ok(out).build();
            }).orElseGet(() -> Problem.of(404, "no storage commitment transaction " + uid));
        } catch (SQLException e) {
            return Problem.of(503, "index unavailable, try again later");
        }
    }
}
