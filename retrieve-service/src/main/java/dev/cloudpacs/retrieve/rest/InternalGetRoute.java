package dev.cloudpacs.retrieve.rest;

import dev.cloudpacs.common.http.InternalRoutes;
import dev.cloudpacs.contracts.retrieve.GetStream;
import dev.cloudpacs.retrieve.service.get.GetService;
import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.DataOutputStream;

/**
 * The front door's C-GET call ({@link GetStream} describes the wire format), on the management interface
 * ({@link InternalRoutes}), which paces the stream by the front door's reading: a study never piles up in
 * memory ahead of the C-GET SCU.
 */
@ApplicationScoped
public class InternalGetRoute {

    void register(@Observes ManagementInterface management, InternalRoutes routes, GetService get) {
        routes.post(management.router(), GetStream.PATH, GetStream.MEDIA_TYPE, (parameters, body, out) ->
                get.prepare(parameters.get("model"), Boolean.parseBoolean(parameters.get("relational")), body)
                        .writeTo(new DataOutputStream(out)));
    }
}
