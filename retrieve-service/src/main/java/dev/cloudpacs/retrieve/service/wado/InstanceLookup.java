package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.retrieve.store.InstanceResolver;
import dev.cloudpacs.common.retrieve.RetrieveKeys;
import dev.cloudpacs.retrieve.store.StoredInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;

/**
 * Finds the stored instances a WADO request names, in index order. UIDs are validated before any query
 * runs. The list holds only index rows (a few hundred bytes each), so the database connection is given
 * back before a single byte of the response is streamed.
 */
@ApplicationScoped
public class InstanceLookup {
    private static final Logger LOG = Logger.getLogger(InstanceLookup.class);

    private final InstanceResolver resolver;

    public InstanceLookup(InstanceResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * The instances of a study, a series of it, or one instance of that.
     *
     * @throws WadoException 400 for a malformed UID, 404 when nothing matches, 503 when the index is down
     */
    public List<StoredInstance> find(String study, String series, String instance) throws WadoException {
        RetrieveKeys keys;
        try {
            keys = RetrieveKeys.of(study, series, instance);
        } catch (QueryException e) {
            throw WadoException.badRequest(e.getMessage());
        }
        List<StoredInstance> found;
        try {
            found = resolver.resolve(keys);
        } catch (SQLException e) {
            LOG.warnf("WADO lookup failed: index unavailable: %s", e.getMessage());
            throw new WadoException(503, "index unavailable, try again later");
        }
        if (found.isEmpty()) {
            throw WadoException.notFound(instance != null ? "no instance " + instance + " in series " + series
                    + " of study " + study : series != null ? "no series " + series + " in study " + study
                    : "no study " + study);
        }
        return found;
    }

    /** The one instance named by all three UIDs. */
    public StoredInstance one(String study, String series, String instance) throws WadoException {
        return find(study, series, instance).get(0);
    }
}
