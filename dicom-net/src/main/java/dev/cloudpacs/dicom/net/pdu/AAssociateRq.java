package dev.cloudpacs.dicom.net.pdu;

import dev.cloudpacs.dicom.core.UID;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-RQ PDU (PS3.8 section 9.3.2, Table 9-11) with its Application Context item
 * (Table 9-12), Presentation Context items (Table 9-13) and User Information item (Table 9-16).
 * AE titles are held without the non-significant leading and trailing spaces; UIDs without
 * padding. Build one with {@link #builder()}.
 *
 * @param protocolVersion the protocol version bit field; version 1 is bit 0 ({@value #PROTOCOL_VERSION_1})
 * @param calledAeTitle the AE title of the acceptor, at most 16 characters
 * @param callingAeTitle the AE title of the requestor, at most 16 characters
 * @param applicationContext the application context name, normally {@link UID#StandardApplicationContext}
 * @param presentationContexts the proposed presentation contexts (the codec requires at least one)
 * @param userInformation the user information sub-items
 */
public record AAssociateRq(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContext, List<PresentationContextRq> presentationContexts,
        UserInformation userInformation) implements Pdu {

    /** The only protocol version defined: bit 0 set. */
    public static final int PROTOCOL_VERSION_1 = 1;

    /** Normalises AE titles, checks ranges and copies the list. */
    public AAssociateRq {
        if ((protocolVersion & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("protocol version is 16 bits: " + protocolVersion);
        }
        calledAeTitle = AeTitles.normalize(calledAeTitle, "called AE title");
        callingAeTitle = AeTitles.normalize(callingAeTitle, "calling AE title");
        Objects.requireNonNull(applicationContext, "applicationContext");
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation, "userInformation");
    }

    @Override
    public PduType type() {
        return PduType.A_ASSOCIATE_RQ;
    }

    /** The proposed presentation context with this ID, or null. */
    public PresentationContextRq presentationContext(int id) {
        for (PresentationContextRq pc : presentationContexts) {
            if (pc.id() == id) {
                return pc;
            }
        }
        return null;
    }

    /** A builder with protocol version 1 and the standard application context preset. */
    public static Builder builder() {
        return new Builder();
    }

    /** Step-by-step construction of an {@link AAssociateRq}; not thread-safe. */
    public static final class Builder {
        private int protocolVersion = PROTOCOL_VERSION_1;
        private String calledAeTitle;
        private String callingAeTitle;
        private String applicationContext = UID.StandardApplicationContext;
        private final List<PresentationContextRq> presentationContexts = new ArrayList<>();
        private UserInformation userInformation = UserInformation.of(0);

        private Builder() {
        }

        /** Sets the protocol version bit field (default version 1). */
        public Builder protocolVersion(int value) {
            protocolVersion = value;
            return this;
        }

        /** Sets the called AE title (the acceptor). */
        public Builder calledAeTitle(String value) {
            calledAeTitle = value;
            return this;
        }

        /** Sets the calling AE title (the requestor). */
        public Builder callingAeTitle(String value) {
            callingAeTitle = value;
            return this;
        }

        /** Sets the application context name (default: the DICOM application context). */
        public Builder applicationContext(String value) {
            applicationContext = value;
            return this;
        }

        /** Adds a presentation context. */
        public Builder presentationContext(PresentationContextRq value) {
            presentationContexts.add(Objects.requireNonNull(value));
            return this;
        }

        /** Adds a presentation context proposing the transfer syntaxes for the abstract syntax. */
        public Builder presentationContext(int id, String abstractSyntax, String... transferSyntaxes) {
            return presentationContext(PresentationContextRq.of(id, abstractSyntax, transferSyntaxes));
        }

        /** Sets the user information (default: {@link UserInformation#of(long) UserInformation.of(0)}). */
        public Builder userInformation(UserInformation value) {
            userInformation = value;
            return this;
        }

        /** The request; throws IllegalArgumentException or NullPointerException for missing or invalid parts. */
        public AAssociateRq build() {
            return new AAssociateRq(protocolVersion, calledAeTitle, callingAeTitle, applicationContext,
                    presentationContexts, userInformation);
        }
    }
}
