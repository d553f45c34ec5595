package dev.cloudpacs.query.rest;

import dev.cloudpacs.common.query.FindNegotiation;
import dev.cloudpacs.common.query.FindStream;
import org.jboss.logging.Logger;
import dev.cloudpacs.query.service.FindService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedOutputStream;
import java.io.InputStream;

/**
 * The front door's C-FIND call ({@link FindStream} describes the wire format): the identifier in,
 * pending matches and the final status streamed back as they are found.
 */
@Path(FindStream.PATH)
public class InternalFindResource {
    private static final Logger LOG = Logger.getLogger(InternalFindResource.class);
    private final FindService find;

    public InternalFindResource(FindService find) {
        this.find = find;
    }

    @POST
    @Consumes(FindStream.MEDIA_TYPE)
    @Produces(FindStream.MEDIA_TYPE)
    public StreamingOutput find(@QueryParam("model") String model, @QueryParam("calling") String calling,
                                @QueryParam("called") String called, @QueryParam("relational") boolean relational,
                                @QueryParam("combined-datetime") boolean combined, InputStream body) {
        FindService.Prepared prepared = find.prepare(model, body, calling, new FindNegotiation(relational, combined));
        return out -> {
            BufferedOutputStream buf = new BufferedOutputStream(out, 16 * 1024);
            try {
                int[] sent = {0};
                FindService.Outcome o = prepared.run(match -> {
                    FindStream.writeMatch(buf, match);
                    // The first match goes out at once (the requester sees progress); later ones leave as
                    // the buffer fills, so a large result is not one network write per match.
                    if (sent[0]++ == 0) {
                        buf.flush();
                    }
                    return true;
                });
                FindStream.writeEnd(buf, o.status(), o.comment());
                buf.flush();
            } catch (java.io.IOException e) {
                // The front door closed the stream: C-CANCEL or a lost association. The query has stopped.
                LOG.debugf("C-FIND from %s ended by the requester: %s", calling, e.getMessage());
            }
        };
    }

}
