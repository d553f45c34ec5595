package dev.cloudpacs.retrieve.service.get;

import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryModel;
import dev.cloudpacs.contracts.retrieve.GetStream;
import dev.cloudpacs.retrieve.store.InstanceResolver;
import dev.cloudpacs.common.retrieve.RetrieveKeys;
import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.retrieve.store.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;

/**
 * Serves the front door's C-GET: resolves the identifier to stored instances and streams their data
 * sets ({@link GetStream}), which the front door sends as C-STORE sub-operations on the requester's
 * association.
 */
@ApplicationScoped
public class GetService {
    private static final Logger LOG = Logger.getLogger(GetService.class);

    private final InstanceResolver resolver;
    private final StoredObjects objects;

    public GetService(InstanceResolver resolver, StoredObjects objects) {
        this.resolver = resolver;
        this.objects = objects;
    }

    /** Resolves the request up front, so a bad identifier is answered before any instance. */
    public Prepared prepare(String sopClassUid, boolean relational, InputStream body) {
        try {
            QueryModel model = QueryModel.ofSopClass(sopClassUid);
            if (model == null) {
                return new Prepared(null, Status.UNABLE_TO_PROCESS, "not a C-GET SOP class: " + sopClassUid);
            }
            RetrieveKeys keys = RetrieveKeys.parse(FindStream.decodeIdentifier(body), model, relational);
            return new Prepared(resolver.resolve(keys), Status.SUCCESS, null);
        } catch (QueryException e) {
            return new Prepared(null, e.status(), e.getMessage());
        } catch (IOException e) {
            return new Prepared(null, Status.UNABLE_TO_PROCESS, "unreadable identifier: " + e.getMessage());
        } catch (SQLException e) {
            LOG.warnf("C-GET: index unavailable: %s", e.getMessage());
            return new Prepared(null, Status.UNABLE_TO_CALCULATE_NUMBER_OF_MATCHES, "index unavailable");
        }
    }

    /** A resolved C-GET, ready to stream (or its failure). */
    public final class Prepared {
        private final List<StoredInstance> instances;
        private final int status;
        private final String comment;

        Prepared(List<StoredInstance> instances, int status, String comment) {
            this.instances = instances;
            this.status = status;
            this.comment = comment;
        }

        /** Writes the whole stream; an instance storage cannot read is reported, not fatal. */
        public void writeTo(DataOutputStream out) throws IOException {
            if (instances == null) {
                GetStream.writeEnd(out, status, comment);
                out.flush();
                return;
            }
            GetStream.writeCount(out, instances.size());
            out.flush();
            for (StoredInstance i : instances) {
                StoredObjects.Opened ds;
                try {
                    ds = objects.openDataSet(i);
                } catch (IOException e) {
                    LOG.warnf("C-GET: %s cannot be read: %s", i.sopInstanceUid(), e.getMessage());
                    GetStream.writeFailed(out, i.sopClassUid(), i.sopInstanceUid(), e.getMessage());
                    continue;
                }
                try (ds) {
                    GetStream.writeInstanceHeader(out, i.sopClassUid(), i.sopInstanceUid(), i.transferSyntaxUid(), ds.length());
                    ds.in().transferTo(out);
                }
                out.flush();
            }
            GetStream.writeEnd(out, Status.SUCCESS, null);
            out.flush();
        }
    }
}
