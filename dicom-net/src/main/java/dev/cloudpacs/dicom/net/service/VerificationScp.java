package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.util.Set;

/** Verification SOP Class SCP (PS3.4 Annex A): answers C-ECHO with success. */
public final class VerificationScp implements DimseHandler {
    public static final String VERIFICATION = "1.2.840.10008.1.1";

    @Override
    public void handle(DimseRequest request) throws Exception {
        request.respond(Status.SUCCESS);
    }

    /** Registers the verification service on {@code registry}. */
    public static HandlerRegistry register(HandlerRegistry registry) {
        return registry.register(Set.of(VERIFICATION), CommandField.C_ECHO_RQ, new VerificationScp());
    }
}
