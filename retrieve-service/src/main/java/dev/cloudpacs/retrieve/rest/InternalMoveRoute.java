package dev.cloudpacs.retrieve.rest;

import dev.cloudpacs.common.http.InternalRoutes;
import dev.cloudpacs.contracts.retrieve.MoveStream;
import dev.cloudpacs.retrieve.service.move.DirectMoves;
import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The front door's C-MOVE call ({@link MoveStream} describes the wire format), on the management
 * interface ({@link InternalRoutes}): the job runs on the call's thread and its progress streams back.
 */
@ApplicationScoped
public class InternalMoveRoute {

    void register(@Observes ManagementInterface management, InternalRoutes routes, DirectMoves moves) {
        routes.post(management.router(), MoveStream.PATH, MoveStream.MEDIA_TYPE,
                (parameters, body, out) -> moves.run(body, out));
    }
}
