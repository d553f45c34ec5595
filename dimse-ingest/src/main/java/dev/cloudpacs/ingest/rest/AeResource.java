package dev.cloudpacs.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.cloudpacs.common.http.Problem;
import dev.cloudpacs.common.ae.AeRegistry;
import dev.cloudpacs.common.ae.AeRules;
import dev.cloudpacs.common.ae.ApplicationEntity;
import dev.cloudpacs.common.ae.InvalidAeException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Admin API of the AE registry ({@link AeRegistry}): the calling-AE allowlist and the C-MOVE
 * destinations. Only HTTP lives here; rules are in {@link AeRules}. Every error is problem details
 * ({@link Problem}) whose one-line detail names the field at fault.
 */
@Path("/admin/ae")
@Produces(MediaType.APPLICATION_JSON)
public class AeResource {
    private static final String BODY_REQUIRED = "body must be a JSON object with at least host and port";
    private final AeRegistry registry;

    public AeResource(AeRegistry registry) {
        this.registry = registry;
    }

    /** Every AE, sorted by title. */
    @GET
    public List<AeView> list() {
        return registry.list().stream().map(AeView::of).toList();
    }

    /** Every AE as an aligned table; JSON stays the default for clients that accept anything. */
    @GET
    @Produces("text/plain;qs=0.5")
    public String table() {
        return AeTable.format(registry.list());
    }

    /** One AE; 404 when unknown. */
    @GET
    @Path("{title}")
    public AeView get(@PathParam("title") String title) {
        String t = AeRules.title(title);
        return registry.find(t).map(AeView::of).orElseThrow(() -> new UnknownAe(t));
    }

    /** Creates (201) or replaces (200) the entry; the response body is the entry as stored. */
    @PUT
    @Path("{title}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("title") String title, AeRequest body) {
        String t = AeRules.title(title);
        if (body == null) {
            throw new InvalidAeException("body", BODY_REQUIRED.substring("body ".length()));
        }
        ApplicationEntity ae = body.toEntity(t);
        boolean created = registry.put(ae);
        Response.ResponseBuilder rsp = created
                ? Response.created(UriBuilder.fromResource(AeResource.class).segment(ae.aeTitle).build())
                : Response.ok();
        return rsp.entity(AeView.of(ae)).build();
    }

    /** Removes an AE (204); 404 when unknown. */
    @DELETE
    @Path("{title}")
    public Response delete(@PathParam("title") String title) {
        String t = AeRules.title(title);
        if (!registry.remove(t)) {
            throw new UnknownAe(t);
        }
        return Response.noContent().build();
    }

    /** No entry for a title. */
    static final class UnknownAe extends RuntimeException {
        UnknownAe(String title) {
            super("no AE with title \"" + title + "\" is registered", null, false, false);
        }
    }

    @ServerExceptionMapper
    Response unknown(UnknownAe e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    Response invalid(InvalidAeException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    /** Syntax errors and values of the wrong type in the body: a message, never a stack trace. */
    @ServerExceptionMapper
    Response unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            if (m.getPath().isEmpty()) {
                return error(Response.Status.BAD_REQUEST, BODY_REQUIRED);
            }
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return error(Response.Status.BAD_REQUEST, field + " has the wrong type");
        }
        return error(Response.Status.BAD_REQUEST, "malformed JSON body: " + e.getOriginalMessage());
    }

    /**
     * Errors the framework raises before our code runs: the JSON reader wraps syntax errors (unwrapped
     * here for their message) and refuses an empty body without saying why.
     */
    @ServerExceptionMapper
    Response framework(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return unreadable(j);
        }
        int status = e.getResponse().getStatus();
        return Problem.of(status, status == 400 ? BODY_REQUIRED : null);
    }

    private static Response error(Response.Status status, String message) {
        return Problem.of(status.getStatusCode(), message);
    }
}
