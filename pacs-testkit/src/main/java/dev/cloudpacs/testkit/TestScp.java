package dev.cloudpacs.testkit;

import dev.cloudpacs.dicom.core.dict.UidRegistry;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.DataSink;
import dev.cloudpacs.dicom.net.assoc.DefaultAcceptorPolicy;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.StorageScp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process storage SCP as a move destination: writes what it receives to a directory, optionally
 * slowly (to have time for a C-CANCEL or a crash mid-move) or refusing some instances.
 */
public final class TestScp implements AutoCloseable {
    public final DicomServer server;
    public final AtomicInteger received = new AtomicInteger();

    public TestScp(Path dir, long millisPerObject, Set<String> refuse) throws IOException {
        StorageScp files = new StorageScp(dir, p -> {
            received.incrementAndGet();
            if (millisPerObject > 0) {
                ServiceProcess.sleep(millisPerObject);
            }
        }).fsync(false);
        DimseHandler handler = new DimseHandler() {
            @Override
            public DataSink dataSink(DimseRequest request) throws DimseFailure {
                if (refuse.contains(request.command().affectedSopInstanceUid())) {
                    throw new DimseFailure(Status.OUT_OF_RESOURCES, "refused by the test");
                }
                return files.dataSink(request);
            }

            @Override
            public void handle(DimseRequest request) throws Exception {
                files.handle(request);
            }
        };
        HandlerRegistry handlers = new HandlerRegistry().register(UidRegistry::isStorageSopClass,
                CommandField.C_STORE_RQ, handler);
        server = DicomServer.start(null, 0, null, AssociationOptions.DEFAULT, handlers,
                new DefaultAcceptorPolicy(handlers, AssociationOptions.DEFAULT).storeAsIs(UidRegistry::isStorageSopClass),
                null);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
