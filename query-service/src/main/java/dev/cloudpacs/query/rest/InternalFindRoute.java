package dev.cloudpacs.query.rest;

import dev.cloudpacs.common.http.InternalRoutes;
import dev.cloudpacs.contracts.find.FindNegotiation;
import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.query.service.FindService;
import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The front door's C-FIND call ({@link FindStream} describes the wire format), on the management interface
 * ({@link InternalRoutes}): the identifier in, pending matches and the final status streamed back as they
 * are found.
 */
@ApplicationScoped
public class InternalFindRoute {

    void register(@Observes ManagementInterface management, InternalRoutes routes, FindService find) {
        routes.post(management.router(), FindStream.PATH, FindStream.MEDIA_TYPE, (parameters, body, out) -> {
            String calling = parameters.get("calling");
            FindService.Prepared prepared = find.prepare(parameters.get("model"), body, calling,
                    new FindNegotiation(Boolean.parseBoolean(parameters.get("relational")),
                            Boolean.parseBoolean(parameters.get("combined-datetime"))));
            int[] sent = {0};
            FindService.Outcome o = prepared.run(match -> {
                FindStream.writeMatch(out, match);
                // The first match goes out at once (the requester sees progress); later ones leave as the
                // stream's chunk fills, so a large result is not one network write per match.
                if (sent[0]++ == 0) {
                    out.flush();
                }
                return true;
            });
            FindStream.writeEnd(out, o.status(), o.comment());
        });
    }
}
