package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request a handler detached to another thread stays cancellable after the handler returns; the
 * handler learns of a C-CANCEL and of the end of the association from callbacks, not by polling.
 */
class DetachedRequestTest {
    private DicomServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown(1000);
        }
    }

    /** Starts an SCP serving C-FIND with {@code find} and connects to it. */
    private Association connectToFindScp(DimseHandler find) throws Exception {
        HandlerRegistry handlers = new HandlerRegistry()
                .register(QueryRetrieveScu.STUDY_ROOT_FIND::equals, CommandField.C_FIND_RQ, find);
        server = DicomServer.start(InetAddress.getLoopbackAddress(), 0, null, AssociationOptions.DEFAULT, handlers,
                new DefaultAcceptorPolicy(handlers, AssociationOptions.DEFAULT), as -> { });
        AssociationRequest rq = new AssociationRequest("SCU", "SCP");
        rq.addContext(QueryRetrieveScu.STUDY_ROOT_FIND, List.of(TransferSyntax.EXPLICIT_VR_LE.uid()));
        return Connector.connect("127.0.0.1", server.port(), rq, AssociationOptions.DEFAULT, null, null);
    }

    @Test
    void cancelReachesADetachedRequest() throws Exception {
        DimseHandler find = request -> {
            request.detach();
            Thread.ofVirtual().start(() -> {
                try {
                    DataSet match = new DataSet();
                    match.setString(Tag.PatientID, VR.LO, "P1");
                    request.respond(Commands.response(request.command(), Status.PENDING), match);
                    CountDownLatch cancelled = new CountDownLatch(1);
                    try (Subscription s = request.onCancel(cancelled::countDown)) {
                        boolean c = cancelled.await(5, TimeUnit.SECONDS);
                        request.respond(c && request.isCancelled() ? Status.CANCEL : Status.SUCCESS);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                } finally {
                    request.finished();
                }
            });
        };
        Association as = connectToFindScp(find);
        try {
            CountDownLatch matched = new CountDownLatch(1);
            DataSet keys = new DataSet();
            keys.setString(Tag.PatientID, VR.LO, "P1");
            QueryRetrieveScu.Operation op = QueryRetrieveScu.find(as, QueryRetrieveScu.STUDY_ROOT_FIND, keys,
                    m -> matched.countDown());
            assertTrue(matched.await(5, TimeUnit.SECONDS));
            op.cancel();
            Command rsp = op.await();
            assertEquals(Status.CANCEL, rsp.status());
        } finally {
            as.release();
        }
    }

    @Test
    void theEndOfTheAssociationReachesADetachedRequest() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch registered = new CountDownLatch(1);
        DimseHandler find = request -> {
            request.detach();
            request.association().onClose(closed::countDown);
            registered.countDown();
        };
        Association as = connectToFindScp(find);
        DataSet keys = new DataSet();
        keys.setString(Tag.PatientID, VR.LO, "P1");
        QueryRetrieveScu.find(as, QueryRetrieveScu.STUDY_ROOT_FIND, keys, m -> { });
        assertTrue(registered.await(5, TimeUnit.SECONDS));
        assertEquals(1, closed.getCount(), "nothing closed yet");
        as.abort("test");
        assertTrue(closed.await(5, TimeUnit.SECONDS), "the SCP side heard the association end");
    }
}
