package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;

import java.io.IOException;

/** Verification SCU: one C-ECHO, returning the response status. */
public final class EchoScu {
    private EchoScu() {
    }

    public static int echo(Association as) throws IOException {
        PresentationContext pc = as.contextFor(VerificationScp.VERIFICATION, null);
        if (pc == null) {
            throw new AssociationException(AssociationException.Kind.NO_PRESENTATION_CONTEXT,
                    "the peer did not accept the Verification SOP Class");
        }
        Command rsp = as.await(as.invoke(pc.id(), Commands.cEchoRq(as.nextMessageId()), null, null));
        return rsp.status();
    }
}
