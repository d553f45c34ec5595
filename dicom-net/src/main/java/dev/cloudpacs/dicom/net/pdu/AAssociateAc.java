package dev.cloudpacs.dicom.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-AC PDU (PS3.8 section 9.3.3, Table 9-17) with its Application Context item,
 * Presentation Context items (Table 9-18) and User Information item (Table 9-20). The AE title fields are
 * "reserved" in an AC but are to be sent with the values of the request; they are decoded all
 * the same, since peers log them. Use {@link #answering} to copy them from the request.
 *
 * @param protocolVersion the protocol version bit field; version 1 is bit 0
 * @param calledAeTitle the called AE title echoed from the request
 * @param callingAeTitle the calling AE title echoed from the request
 * @param applicationContext the application context name
 * @param presentationContexts one result per proposed presentation context
 * @param userInformation the acceptor's user information sub-items
 */
public record AAssociateAc(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContext, List<PresentationContextAc> presentationContexts,
        UserInformation userInformation) implements Pdu {

    /** Normalises AE titles, checks ranges and copies the list. */
    public AAssociateAc {
        if ((protocolVersion & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("protocol version is 16 bits: " + protocolVersion);
        }
        calledAeTitle = AeTitles.normalize(calledAeTitle, "called AE title");
        callingAeTitle = AeTitles.normalize(callingAeTitle, "calling AE title");
        Objects.requireNonNull(applicationContext, "applicationContext");
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation, "userInformation");
    }

    /**
     * The acceptance of {@code rq}: AE titles and application context copied from it, protocol
     * version 1, with the given results and user information.
     */
    public static AAssociateAc answering(AAssociateRq rq, List<PresentationContextAc> results,
            UserInformation userInformation) {
        return new AAssociateAc(AAssociateRq.PROTOCOL_VERSION_1, rq.calledAeTitle(), rq.callingAeTitle(),
                rq.applicationContext(), results, userInformation);
    }

    /** The result for the presentation context with this ID, or null. */
    public PresentationContextAc presentationContext(int id) {
        for (PresentationContextAc pc : presentationContexts) {
            if (pc.id() == id) {
                return pc;
            }
        }
        return null;
    }

    @Override
    public PduType type() {
        return PduType.A_ASSOCIATE_AC;
    }
}
