package dev.cloudpacs.dicom.net.pdu;

import dev.cloudpacs.dicom.core.Implementation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * User Information item (PS3.8 section 9.3.2.3, Table 9-16, type 50H) and its sub-items
 * (PS3.8 Annex D, PS3.7 Annex D.3.3). Optional parts are null when absent; lists are never null.
 * The same record serves requests and acceptances: {@link #userIdentityRq} may only be sent in
 * an A-ASSOCIATE-RQ, {@link #userIdentityAc} only in an A-ASSOCIATE-AC, and so may
 * {@link #commonExtendedNegotiations} only in a request; the codec enforces that.
 *
 * <p>Byte arrays inside the sub-records are not copied; treat them as immutable.
 *
 * @param maxPduLength Maximum Length sub-item (51H): the largest P-DATA-TF variable field the
 *        sender will receive, 0 meaning unlimited; an unsigned 32-bit value
 * @param implementationClassUid Implementation Class UID sub-item (52H), or null
 * @param implementationVersionName Implementation Version Name sub-item (55H), or null
 * @param asyncOperationsWindow Asynchronous Operations Window sub-item (53H), or null
 * @param roleSelections SCP/SCU Role Selection sub-items (54H)
 * @param extendedNegotiations SOP Class Extended Negotiation sub-items (56H)
 * @param commonExtendedNegotiations SOP Class Common Extended Negotiation sub-items (57H)
 * @param userIdentityRq User Identity Negotiation sub-item of a request (58H), or null
 * @param userIdentityAc User Identity Negotiation sub-item of an acceptance (59H), or null
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
        AsyncOperationsWindow asyncOperationsWindow, List<RoleSelection> roleSelections,
        List<ExtendedNegotiation> extendedNegotiations, List<CommonExtendedNegotiation> commonExtendedNegotiations,
        UserIdentityRq userIdentityRq, UserIdentityAc userIdentityAc) {

    /** What a PDU without a user information item decodes to: no sub-items, maximum length unlimited. */
    public static final UserInformation EMPTY = new UserInformation(0, null, null, null, null, null, null, null, null);

    /** Validates the maximum length range and replaces null lists by empty ones. */
    public UserInformation {
        if (maxPduLength < 0 || maxPduLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("maximum PDU length is an unsigned 32-bit value: " + maxPduLength);
        }
        roleSelections = roleSelections == null ? List.of() : List.copyOf(roleSelections);
        extendedNegotiations = extendedNegotiations == null ? List.of() : List.copyOf(extendedNegotiations);
        commonExtendedNegotiations = commonExtendedNegotiations == null ? List.of()
                : List.copyOf(commonExtendedNegotiations);
    }

    /** User information naming this toolkit (dicom-core {@link Implementation}) with the given maximum length. */
    public static UserInformation of(long maxPduLength) {
        return EMPTY.withMaxPduLength(maxPduLength).withImplementationClassUid(Implementation.CLASS_UID)
                .withImplementationVersionName(Implementation.VERSION_NAME);
    }

    /** A copy with another maximum length. */
    public UserInformation withMaxPduLength(long value) {
        return new UserInformation(value, implementationClassUid, implementationVersionName, asyncOperationsWindow,
                roleSelections, extendedNegotiations, commonExtendedNegotiations, userIdentityRq, userIdentityAc);
    }

    /** A copy with another implementation class UID (null removes it). */
    public UserInformation withImplementationClassUid(String value) {
        return new UserInformation(maxPduLength, value, implementationVersionName, asyncOperationsWindow,
                roleSelections, extendedNegotiations, commonExtendedNegotiations, userIdentityRq, userIdentityAc);
    }

    /** A copy with another implementation version name (null removes it). */
    public UserInformation withImplementationVersionName(String value) {
        return new UserInformation(maxPduLength, implementationClassUid, value, asyncOperationsWindow,
                roleSelections, extendedNegotiations, commonExtendedNegotiations, userIdentityRq, userIdentityAc);
    }

    /** A copy with another asynchronous operations window (null removes it). */
    public UserInformation withAsyncOperationsWindow(AsyncOperationsWindow value) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, value,
                roleSelections, extendedNegotiations, commonExtendedNegotiations, userIdentityRq, userIdentityAc);
    }

    /** A copy with one more role selection. */
    public UserInformation withRoleSelection(RoleSelection value) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, append(roleSelections, value), extendedNegotiations,
                commonExtendedNegotiations, userIdentityRq, userIdentityAc);
    }

    /** A copy with one more SOP class extended negotiation. */
    public UserInformation withExtendedNegotiation(ExtendedNegotiation value) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roleSelections, append(extendedNegotiations, value),
                commonExtendedNegotiations, userIdentityRq, userIdentityAc);
    }

    /** A copy with one more SOP class common extended negotiation. */
    public UserInformation withCommonExtendedNegotiation(CommonExtendedNegotiation value) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roleSelections, extendedNegotiations,
                append(commonExtendedNegotiations, value), userIdentityRq, userIdentityAc);
    }

    /** A copy with another user identity request (null removes it). */
    public UserInformation withUserIdentityRq(UserIdentityRq value) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roleSelections, extendedNegotiations, commonExtendedNegotiations, value,
                userIdentityAc);
    }

    /** A copy with another user identity response (null removes it). */
    public UserInformation withUserIdentityAc(UserIdentityAc value) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roleSelections, extendedNegotiations, commonExtendedNegotiations,
                userIdentityRq, value);
    }

    private static <T> List<T> append(List<T> list, T value) {
        List<T> copy = new ArrayList<>(list);
        copy.add(Objects.requireNonNull(value));
        return copy;
    }

    /**
     * Asynchronous Operations Window sub-item (PS3.7 D.3.3.3, Table D.3-7, type 53H). Zero means
     * unlimited; (1, 1) is the default synchronous mode.
     *
     * @param maxInvoked maximum number of outstanding operations invoked (unsigned 16-bit)
     * @param maxPerformed maximum number of outstanding operations performed (unsigned 16-bit)
     */
    public record AsyncOperationsWindow(int maxInvoked, int maxPerformed) {
        /** Validates both values fit in 16 bits. */
        public AsyncOperationsWindow {
            if ((maxInvoked & ~0xFFFF) != 0 || (maxPerformed & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("operation window values are unsigned 16-bit: "
                        + maxInvoked + ", " + maxPerformed);
            }
        }
    }

    /**
     * SCP/SCU Role Selection sub-item (PS3.7 D.3.3.4, Tables D.3-9 and D.3-10, type 54H). In a
     * request the flags say which roles the requestor proposes; in an acceptance, which the
     * acceptor accepts.
     *
     * @param sopClassUid the SOP class the roles apply to
     * @param scu SCU-role byte is 1
     * @param scp SCP-role byte is 1
     */
    public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {
        /** Requires the SOP class UID. */
        public RoleSelection {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
        }
    }

    /**
     * SOP Class Extended Negotiation sub-item (PS3.7 D.3.3.5, Table D.3-11, type 56H).
     *
     * @param sopClassUid the SOP class the information applies to
     * @param info the service-class-application-information bytes (not copied)
     */
    public record ExtendedNegotiation(String sopClassUid, byte[] info) {
        /** Requires both parts. */
        public ExtendedNegotiation {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(info, "info");
        }

        // Records compare arrays by identity; a sub-item is a value, so compare contents.
        @Override
        public boolean equals(Object o) {
            return o instanceof ExtendedNegotiation e && e.sopClassUid.equals(sopClassUid)
                    && Arrays.equals(e.info, info);
        }

        @Override
        public int hashCode() {
            return sopClassUid.hashCode() * 31 + Arrays.hashCode(info);
        }

        @Override
        public String toString() {
            return "ExtendedNegotiation[sopClassUid=" + sopClassUid + ", info=" + Arrays.toString(info) + "]";
        }
    }

    /**
     * SOP Class Common Extended Negotiation sub-item (PS3.7 D.3.3.6, Tables D.3-12 and D.3-13,
     * type 57H); sent only by the association requestor.
     *
     * @param sopClassUid the SOP class proposed
     * @param serviceClassUid the service class it belongs to
     * @param relatedGeneralSopClassUids more general SOP classes it can be treated as
     */
    public record CommonExtendedNegotiation(String sopClassUid, String serviceClassUid,
            List<String> relatedGeneralSopClassUids) {
        /** Requires the UIDs and copies the list. */
        public CommonExtendedNegotiation {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(serviceClassUid, "serviceClassUid");
            relatedGeneralSopClassUids = relatedGeneralSopClassUids == null ? List.of()
                    : List.copyOf(relatedGeneralSopClassUids);
        }
    }

    /**
     * User Identity Negotiation sub-item of a request (PS3.7 D.3.3.7.1, Table D.3-14, type 58H).
     * Types outside 1..5 are kept as received so the acceptor can refuse them knowingly.
     *
     * @param type 1 username, 2 username and passcode, 3 Kerberos service ticket, 4 SAML
     *        assertion, 5 JSON Web Token
     * @param positiveResponseRequested whether the requestor wants a 59H sub-item back
     * @param primaryField the username, ticket, assertion or token (not copied)
     * @param secondaryField the passcode for type 2, otherwise empty (never null; not copied)
     */
    public record UserIdentityRq(int type, boolean positiveResponseRequested, byte[] primaryField,
            byte[] secondaryField) {
        /** User-Identity-Type 1: username as a UTF-8 string. */
        public static final int USERNAME = 1;
        /** User-Identity-Type 2: username and passcode. */
        public static final int USERNAME_AND_PASSCODE = 2;
        /** User-Identity-Type 3: Kerberos service ticket. */
        public static final int KERBEROS = 3;
        /** User-Identity-Type 4: SAML assertion. */
        public static final int SAML = 4;
        /** User-Identity-Type 5: JSON Web Token. */
        public static final int JWT = 5;

        /** Validates the type byte, requires the primary field, and turns a null secondary field into an empty one. */
        public UserIdentityRq {
            if ((type & ~0xFF) != 0) {
                throw new IllegalArgumentException("user identity type is a byte: " + type);
            }
            Objects.requireNonNull(primaryField, "primaryField");
            secondaryField = secondaryField == null ? new byte[0] : secondaryField;
        }

        /** A type 1 identity: just a username. */
        public static UserIdentityRq username(String username, boolean positiveResponseRequested) {
            return new UserIdentityRq(USERNAME, positiveResponseRequested, username.getBytes(StandardCharsets.UTF_8),
                    null);
        }

        /** A type 2 identity: username and passcode, both sent as UTF-8. */
        public static UserIdentityRq usernameAndPasscode(String username, String passcode,
                boolean positiveResponseRequested) {
            return new UserIdentityRq(USERNAME_AND_PASSCODE, positiveResponseRequested,
                    username.getBytes(StandardCharsets.UTF_8), passcode.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UserIdentityRq u && u.type == type
                    && u.positiveResponseRequested == positiveResponseRequested
                    && Arrays.equals(u.primaryField, primaryField) && Arrays.equals(u.secondaryField, secondaryField);
        }

        @Override
        public int hashCode() {
            return (type * 31 + Arrays.hashCode(primaryField)) * 31 + Arrays.hashCode(secondaryField);
        }

        /** Shows the type and field lengths only: the fields are credentials and must not reach a log. */
        @Override
        public String toString() {
            return "UserIdentityRq[type=" + type + ", positiveResponseRequested=" + positiveResponseRequested
                    + ", primaryField=" + primaryField.length + " bytes, secondaryField=" + secondaryField.length
                    + " bytes]";
        }
    }

    /**
     * User Identity Negotiation sub-item of an acceptance (PS3.7 D.3.3.7.2, Table D.3-15, type 59H).
     *
     * @param serverResponse the Kerberos server ticket, SAML response or JWT; empty otherwise (not copied)
     */
    public record UserIdentityAc(byte[] serverResponse) {
        /** Requires the response (empty is fine). */
        public UserIdentityAc {
            Objects.requireNonNull(serverResponse, "serverResponse");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UserIdentityAc u && Arrays.equals(u.serverResponse, serverResponse);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(serverResponse);
        }

        /** Shows the length only: a server response can be a credential. */
        @Override
        public String toString() {
            return "UserIdentityAc[serverResponse=" + serverResponse.length + " bytes]";
        }
    }
}
