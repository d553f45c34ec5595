package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.contracts.find.FindNegotiation;
import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.assoc.Subscription;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.QueryRetrieveModel;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.ingest.client.QueryServiceClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Set;

/**
 * C-FIND SCP of the front door: relays each query to query-service ({@link FindStream}) and each
 * match back as a pending response. The relay runs on its own virtual thread so the association keeps
 * reading (a C-CANCEL, another request); a C-CANCEL or the end of the association closes the call to
 * query-service, which stops the query there. Whatever goes wrong with query-service is answered A700
 * with the reason as the error comment, and logged as one WARN line.
 */
@ApplicationScoped
public class FindHandler implements DimseHandler {
    private static final Logger LOG = Logger.getLogger(FindHandler.class);
    /** The C-FIND SOP classes served: Patient Root, Study Root and (retired) Patient/Study Only. */
    public static final Set<String> SOP_CLASSES = Set.of(
            QueryRetrieveModel.PATIENT_ROOT.sopClassUid(CommandField.C_FIND_RQ),
            QueryRetrieveModel.STUDY_ROOT.sopClassUid(CommandField.C_FIND_RQ),
            QueryRetrieveModel.PATIENT_STUDY_ONLY.sopClassUid(CommandField.C_FIND_RQ));

    private final QueryServiceClient queryService;
    private final Counter requests;
    private final Counter failures;

    public FindHandler(QueryServiceClient queryService, MeterRegistry meters) {
        this.queryService = queryService;
        this.requests = meters.counter("pacs_find_requests_total");
        this.failures = meters.counter("pacs_find_failures_total");
    }

    @Override
    public void handle(DimseRequest request) throws DimseFailure {
        requests.increment();
        if (request.dataSet() == null) {
            throw new DimseFailure(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "C-FIND-RQ without an identifier");
        }
        request.detach();
        Thread.ofVirtual().name("find-" + request.association().callingAeTitle() + "-" + request.command().messageId())
                .start(() -> {
                    try {
                        relay(request);
                    } finally {
                        request.finished();
                    }
                });
    }

    private void relay(DimseRequest request) {
        Command rq = request.command();
        var as = request.association();
        try (QueryServiceClient.Call call = queryService.find(rq.affectedSopClassUid(), as.callingAeTitle(),
                as.calledAeTitle(), request.dataSet(), negotiated(as, rq.affectedSopClassUid()))) {
            // A C-CANCEL or the end of the association closes the call, so a relay blocked waiting for
            // query-service wakes up (and query-service stops the query).
            Subscription onCancel = request.onCancel(call::close);
            Subscription onClose = as.onClose(call::close);
            // Matches come encoded in Explicit VR Little Endian: on such a context they go out as they are.
            boolean passThrough = request.context().transferSyntax().equals(FindStream.MATCH_SYNTAX);
            try {
                while (true) {
                    FindStream.Frame frame;
                    try {
                        frame = call.next();
                    } catch (QueryServiceClient.Unavailable e) {
                        if (request.isCancelled() || !as.isOpen()) {
                            break; // the watcher closed the call
                        }
                        throw e;
                    }
                    if (request.isCancelled()) {
                        break;
                    }
                    if (frame.isEnd()) {
                        Command rsp = Commands.response(rq, frame.status());
                        if (frame.status() != Status.SUCCESS && !frame.comment().isEmpty()) {
                            rsp = rsp.withErrorComment(frame.comment());
                        }
                        request.respond(rsp, null);
                        return;
                    }
                    Command pending = Commands.response(rq, Status.PENDING);
                    if (passThrough) {
                        // Matches already here go out together: fewer segments, fewer wake-ups of the peer.
                        request.respondEncoded(pending, frame.matchBytes(), !call.moreBuffered());
                    } else {
                        request.respond(pending, frame.match());
                    }
                }
            } finally {
                onCancel.close();
                onClose.close();
            }
            call.close();
            if (request.isCancelled()) {
                request.respond(Status.CANCEL);
            } else {
                LOG.debugf("C-FIND from %s: association ended during the query", as.callingAeTitle());
            }
        } catch (QueryServiceClient.Unavailable e) {
            failures.increment();
            LOG.warnf("C-FIND from %s answered %04X: %s (%s)", as.callingAeTitle(), Status.OUT_OF_RESOURCES,
                    e.getMessage(), queryService.serviceUrl());
            respondQuietly(request, Commands.response(rq, Status.OUT_OF_RESOURCES).withErrorComment(e.getMessage()));
        } catch (IOException e) {
            // Sending to the peer failed: the association is gone, nobody is left to answer.
            LOG.debugf("C-FIND from %s: association lost: %s", as.callingAeTitle(), e.getMessage());
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf(e, "C-FIND from %s failed", as.callingAeTitle());
            respondQuietly(request, Commands.response(rq, Status.UNABLE_TO_PROCESS)
                    .withErrorComment("C-FIND failed: " + e));
        }
    }

    /** What the association's SOP Class Extended Negotiation accepted for this C-FIND SOP class. */
    private static FindNegotiation negotiated(dev.cloudpacs.dicom.net.assoc.Association as, String cuid) {
        var ac = as.associateAccept();
        if (ac == null || ac.userInformation() == null) {
            return FindNegotiation.NONE;
        }
        for (var e : ac.userInformation().extendedNegotiations()) {
            if (e.sopClassUid().equals(cuid)) {
                return FindNegotiation.of(e.info());
            }
        }
        return FindNegotiation.NONE;
    }

    private static void respondQuietly(DimseRequest request, Command rsp) {
        try {
            request.respond(rsp, null);
        } catch (IOException e) {
            LOG.debugf("C-FIND response not sent, association lost: %s", e.getMessage());
        }
    }
}
