package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.core.dict.UidRegistry;
import dev.cloudpacs.dicom.net.pdu.PresentationContextAc;
import dev.cloudpacs.dicom.net.pdu.PresentationContextRq;

import java.io.IOException;
import java.io.PrintStream;

/** Connecting, verbose negotiation output and exit statuses shared by the SCU tools. */
public final class ScuSupport {
    /** Exit statuses of the network tools: one per kind of failure, so scripts can tell them apart. */
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int CONNECTION_REFUSED = 3;
    public static final int TIMEOUT = 4;
    public static final int REJECTED = 5;
    public static final int NO_PRESENTATION_CONTEXT = 6;
    public static final int CLOSED_OR_TLS = 7;
    public static final int ABORTED = 8;
    public static final int DIMSE_FAILURE = 9;

    private ScuSupport() {
    }

    /** Opens the association, printing the proposal and the answer when verbose. */
    public static Association connect(NetOptions net, AssociationRequest rq,
                                      HandlerRegistry handlers, PrintStream out) throws IOException {
        if (net.identity() != null) {
            rq.userIdentity(net.identity());
        }
        if (net.verbose) {
            out.printf("Requesting association %s -> %s at %s:%d%s%n", rq.callingAeTitle(), rq.calledAeTitle(), net.host,
                    net.port, net.tls ? " (TLS)" : "");
            for (PresentationContextRq pc : rq.contexts()) {
                out.printf("  proposed context %d: %s  %s%n", pc.id(), UidRegistry.nameOf(pc.abstractSyntax()),
                        String.join(", ", pc.transferSyntaxes().stream().map(UidRegistry::nameOf).toList()));
            }
        }
        Association as;
        try {
            as = Connector.connect(net.host, net.port, rq, net.associationOptions(), net.socketFactory(), handlers);
        } catch (AssociationException e) {
            // PS3.7 D.3.3.7 has the acceptor refuse a user identity with "no reason given": say what it may mean.
            if (net.identity() != null && e.kind() == AssociationException.Kind.REJECTED
                    && e.getMessage().contains("no reason given")) {
                throw new AssociationException(e.kind(), e.getMessage() + " (a user identity was offered: an"
                        + " unknown user, a wrong password or a token the peer does not accept is refused so)", e);
            }
            throw e;
        }
        if (net.verbose) {
            var ac = as.associateAccept();
            out.printf("Association accepted (peer max PDU %d, implementation %s %s)%n", ac.userInformation().maxPduLength(),
                    ac.userInformation().implementationClassUid(), nz(ac.userInformation().implementationVersionName()));
            for (PresentationContextAc pc : ac.presentationContexts()) {
                PresentationContext accepted = as.contexts().stream().filter(c -> c.id() == pc.id()).findFirst().orElse(null);
                out.printf("  context %d: %s%s%n", pc.id(), pc.result().standardName(),
                        accepted == null ? "" : "  " + UidRegistry.nameOf(accepted.abstractSyntax()) + " in "
                                + UidRegistry.nameOf(accepted.transferSyntaxUid()));
            }
        }
        return as;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The exit status for an association failure. */
    public static int exitCode(AssociationException e) {
        return switch (e.kind()) {
            case CONNECTION_REFUSED -> CONNECTION_REFUSED;
            case TIMEOUT -> TIMEOUT;
            case REJECTED -> REJECTED;
            case NO_PRESENTATION_CONTEXT -> NO_PRESENTATION_CONTEXT;
            case CLOSED_DURING_NEGOTIATION, TLS -> CLOSED_OR_TLS;
            case ABORTED -> ABORTED;
            case IO -> FAILURE;
        };
    }

    /** Prints the failure in words with what to check, and returns the exit status. */
    public static int report(String tool, AssociationException e) {
        String hint = switch (e.kind()) {
            case NO_PRESENTATION_CONTEXT -> " (the peer does not support the requested service or transfer syntax;"
                    + " check its configuration)";
            case ABORTED -> " (see the peer's log for why it aborted)";
            default -> "";
        };
        System.err.println(tool + ": " + e.getMessage() + hint);
        return exitCode(e);
    }
}
