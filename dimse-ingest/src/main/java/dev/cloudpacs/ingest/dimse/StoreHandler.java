package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.common.storage.StorageKeys;
import dev.cloudpacs.common.storage.StorageWriter;
import dev.cloudpacs.dicom.net.assoc.DataSink;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.ingest.service.IngestService;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/**
 * C-STORE SCP of the front door: the data set streams into storage as its PDVs arrive (bounded memory
 * for any size), then the ingest pipeline decides the response.
 */
@ApplicationScoped
public class StoreHandler implements DimseHandler {
    private final IngestService ingest;

    public StoreHandler(IngestService ingest) {
        this.ingest = ingest;
    }

    /** Streams the data set into a new storage object. */
    private static final class Sink implements DataSink {
        final StorageWriter writer;
        final long start = System.nanoTime();

        Sink(StorageWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writer.stream().write(b, off, len);
        }

        @Override
        public void end() {
            // finished in handle(), once the pipeline has decided
        }

        @Override
        public void abort(Exception cause) {
            writer.abort();
        }
    }

    @Override
    public DataSink dataSink(DimseRequest request) throws DimseFailure {
        Command rq = request.command();
        try {
            StorageKeys.require(rq.affectedSopInstanceUid(), "Affected SOP Instance UID");
            StorageKeys.require(rq.affectedSopClassUid(), "Affected SOP Class UID");
        } catch (StorageKeys.InvalidUidException e) {
            throw new DimseFailure(Status.CANNOT_UNDERSTAND, e.getMessage());
        }
        try {
            StorageWriter w = ingest.begin(rq.affectedSopInstanceUid());
            Sink sink = new Sink(w);
            ingest.writeMetaHeader(w, rq.affectedSopClassUid(), rq.affectedSopInstanceUid(),
                    request.context().transferSyntaxUid(), request.association().callingAeTitle());
            request.attach(sink);
            return sink;
        } catch (IOException e) {
            throw new DimseFailure(Status.OUT_OF_RESOURCES, "cannot write to storage: " + e.getMessage(), e);
        }
    }

    @Override
    public void handle(DimseRequest request) throws Exception {
        Sink sink = (Sink) request.attachment();
        Command rq = request.command();
        IngestService.Outcome o = ingest.finish(sink.writer, rq.affectedSopClassUid(), rq.affectedSopInstanceUid(),
                null, request.association().callingAeTitle(), request.association().calledAeTitle(), sink.start);
        if (o.success()) {
            request.association().stats().countMessage();
            request.respond(o.status());
        } else {
            if (o.stored()) {
                request.association().stats().countMessage();
            }
            request.respond(Commands.response(rq, o.status()).withErrorComment(o.comment()), null);
        }
    }
}
