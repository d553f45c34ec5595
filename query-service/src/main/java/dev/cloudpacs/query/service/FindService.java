package dev.cloudpacs.query.service;

import dev.cloudpacs.contracts.find.FindNegotiation;
import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.dicom.net.query.Query;
import dev.cloudpacs.query.store.QueryEngine;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryModel;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.net.dimse.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;

/**
 * C-FIND for the front door: parses the identifier against its information model, runs it and
 * reports the final status the way PS3.4 C.4.1 defines (0000, FE00 when the requester went away,
 * A900/C000 for identifiers we cannot serve, A700 when the index is unavailable), with words for
 * every failure.
 */
@ApplicationScoped
public class FindService {
    private static final Logger LOG = Logger.getLogger(FindService.class);

    /** The final status of one C-FIND and its error comment (null on success). */
    public record Outcome(int status, String comment, int matches) {
    }

    /** A query ready to run, or the failure that ends it before any match. */
    public interface Prepared {
        Outcome run(QueryEngine.MatchSink sink) throws IOException;
    }

    private final QueryEngine engine;
    private final Timer timer;

    public FindService(QueryEngine engine, MeterRegistry meters) {
        this.engine = engine;
        this.timer = meters.timer("pacs_find_duration");
    }

    /**
     * Parses the identifier for the information model; {@code negotiated} is what the association's
     * extended negotiation allows (relational queries, combined date-time matching).
     */
    public Prepared prepare(String modelUid, InputStream identifier, String callingAe, FindNegotiation negotiated) {
        QueryModel model = QueryModel.ofFindSopClass(modelUid);
        if (model == null) {
            return failed(Status.UNABLE_TO_PROCESS, "not a C-FIND information model: " + modelUid);
        }
        Query q;
        try {
            DataSet id = FindStream.decodeIdentifier(identifier);
            q = engine.parser().relational(negotiated.relational())
                    .combinedDateTime(negotiated.combinedDateTime()).parse(id, model);
        } catch (QueryException e) {
            return failed(e.status(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            return failed(Status.UNABLE_TO_PROCESS, "cannot parse the identifier: " + e.getMessage());
        }
        return sink -> {
            long t0 = System.nanoTime();
            int[] count = {0};
            try {
                int n = engine.find(q, 0, 0, match -> {
                    count[0]++;
                    return sink.accept(match);
                });
                return new Outcome(Status.SUCCESS, null, n);
            } catch (QueryException e) {
                return new Outcome(e.status(), e.getMessage(), count[0]);
            } catch (SQLException e) {
                LOG.warnf("C-FIND from %s failed: index unavailable: %s", callingAe, e.getMessage());
                // The database's words stay in the log: the requester learns what to do, not our schema.
                return new Outcome(Status.OUT_OF_RESOURCES, "index unavailable, try again later", count[0]);
            } finally {
                timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
    }

    private static Prepared failed(int status, String comment) {
        return sink -> new Outcome(status, comment, 0);
    }
}
