package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.core.dict.UidRegistry;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.DataSink;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Storage SCP that writes each received object as a Part 10 file {@code DIR/<SOP Instance UID>.dcm},
 * streamed to disk as it arrives. Used by {@code store_scp} and by C-GET on the SCU side.
 */
public final class StorageScp implements DimseHandler {
    private final Path directory;
    private final Consumer<Path> onStored;
    private volatile boolean fsync = true;

    /** @param onStored called with each file once it is complete (may be null) */
    public StorageScp(Path directory, Consumer<Path> onStored) {
        this.directory = directory;
        this.onStored = onStored;
    }

    /**
     * Whether each file is forced to disk before the C-STORE is answered (default true). Turning it
     * off trades durability across a crash for speed (fsync is several ms per object on most disks).
     */
    public StorageScp fsync(boolean on) {
        this.fsync = on;
        return this;
    }

    @Override
    public DataSink dataSink(DimseRequest request) throws DimseFailure {
        Command rq = request.command();
        String iuid = rq.affectedSopInstanceUid();
        // The UID becomes a file name: only a valid UID (digits and dots) may.
        if (iuid == null || !UIDs.isValid(iuid)) {
            throw new DimseFailure(Status.CANNOT_UNDERSTAND, "invalid Affected SOP Instance UID '" + iuid + "'");
        }
        if (!rq.affectedSopClassUid().equals(request.context().abstractSyntax())) {
            throw new DimseFailure(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "SOP class " + rq.affectedSopClassUid()
                    + " sent on a presentation context for " + request.context().abstractSyntax());
        }
        try {
            return new Part10FileSink(directory.resolve(iuid + ".dcm"), rq.affectedSopClassUid(), iuid,
                    request.context().transferSyntaxUid(), request.association().callingAeTitle(), fsync);
        } catch (IOException e) {
            throw new DimseFailure(Status.OUT_OF_RESOURCES, "cannot create file: " + e.getMessage(), e);
        }
    }

    @Override
    public void handle(DimseRequest request) throws Exception {
        request.association().stats().countMessage();
        request.respond(Status.SUCCESS);
        if (onStored != null) {
            onStored.accept(directory.resolve(request.command().affectedSopInstanceUid() + ".dcm"));
        }
    }

    /** Registers storage for every storage SOP class (and any other 1.2.840.10008.5.1.4.1.1.* class). */
    public HandlerRegistry register(HandlerRegistry registry) {
        return registry.register(UidRegistry::isStorageSopClass, CommandField.C_STORE_RQ, this);
    }
}
