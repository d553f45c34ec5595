package dev.cloudpacs.retrieve.rest;

import dev.cloudpacs.common.retrieve.GetStream;
import dev.cloudpacs.retrieve.service.GetService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** The front door's C-GET call ({@link GetStream} describes the wire format). */
@Path(GetStream.PATH)
public class InternalGetResource {
    private static final Logger LOG = Logger.getLogger(InternalGetResource.class);
    private final GetService get;

    public InternalGetResource(GetService get) {
        this.get = get;
    }

    @POST
    @Consumes(GetStream.MEDIA_TYPE)
    @Produces(GetStream.MEDIA_TYPE)
    public StreamingOutput get(@QueryParam("model") String model, @QueryParam("relational") boolean relational,
                               InputStream body) {
        GetService.Prepared prepared = get.prepare(model, relational, body);
        // Paced (see ResponseStreams): a study must not pile up in memory ahead of the front door.
        return ResponseStreams.paced(out -> {
            try {
                prepared.writeTo(new DataOutputStream(new BufferedOutputStream(out, 64 * 1024)));
            } catch (IOException e) {
                // The front door closed the stream: C-CANCEL or a lost association.
                LOG.debugf("C-GET stream ended by the front door: %s", e.getMessage());
            }
        });
    }
}
