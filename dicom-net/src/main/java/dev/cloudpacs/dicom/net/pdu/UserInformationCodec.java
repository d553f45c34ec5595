package dev.cloudpacs.dicom.net.pdu;

import dev.cloudpacs.dicom.net.pdu.UserInformation.AsyncOperationsWindow;
import dev.cloudpacs.dicom.net.pdu.UserInformation.CommonExtendedNegotiation;
import dev.cloudpacs.dicom.net.pdu.UserInformation.ExtendedNegotiation;
import dev.cloudpacs.dicom.net.pdu.UserInformation.RoleSelection;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityAc;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityRq;

import java.util.ArrayList;
import java.util.List;

import static dev.cloudpacs.dicom.net.pdu.ItemType.ASYNC_OPERATIONS_WINDOW;
import static dev.cloudpacs.dicom.net.pdu.ItemType.COMMON_EXTENDED_NEGOTIATION;
import static dev.cloudpacs.dicom.net.pdu.ItemType.EXTENDED_NEGOTIATION;
import static dev.cloudpacs.dicom.net.pdu.ItemType.IMPLEMENTATION_CLASS_UID;
import static dev.cloudpacs.dicom.net.pdu.ItemType.IMPLEMENTATION_VERSION_NAME;
import static dev.cloudpacs.dicom.net.pdu.ItemType.MAXIMUM_LENGTH;
import static dev.cloudpacs.dicom.net.pdu.ItemType.ROLE_SELECTION;
import static dev.cloudpacs.dicom.net.pdu.ItemType.USER_IDENTITY_AC;
import static dev.cloudpacs.dicom.net.pdu.ItemType.USER_IDENTITY_RQ;
import static dev.cloudpacs.dicom.net.pdu.ItemType.USER_INFORMATION;

/**
 * The User Information item (PS3.8 Table 9-16) and its sub-items: Maximum Length (PS3.8 D.1,
 * Table D.1-1), Implementation Class UID and Version Name (PS3.7 D.3.3.2, Tables D.3-1 and
 * D.3-3), Asynchronous Operations Window (Table D.3-7), SCP/SCU Role Selection (Table D.3-9),
 * SOP Class Extended Negotiation (Table D.3-11), SOP Class Common Extended Negotiation
 * (Tables D.3-12, D.3-13) and User Identity (Tables D.3-14, D.3-15). Every sub-item starts
 * with type, reserved (or version), 16-bit length. Sub-items are written in increasing type order.
 */
final class UserInformationCodec {
    private UserInformationCodec() {
    }

    static void encode(UserInformation ui, boolean ac, PduOutput out) {
        if (!ac && ui.userIdentityAc() != null) {
            throw new IllegalArgumentException("a user identity response (59H) belongs in an A-ASSOCIATE-AC");
        }
        if (ac && ui.userIdentityRq() != null) {
            throw new IllegalArgumentException("a user identity request (58H) belongs in an A-ASSOCIATE-RQ");
        }
        if (ac && !ui.commonExtendedNegotiations().isEmpty()) {
            throw new IllegalArgumentException("SOP class common extended negotiation (57H) belongs in an "
                    + "A-ASSOCIATE-RQ");
        }
        int item = out.beginItem(USER_INFORMATION);
        // Always sent: the standard makes the maximum length sub-item mandatory.
        int m = out.beginItem(MAXIMUM_LENGTH);
        out.u32(ui.maxPduLength());
        out.endItem(m, MAXIMUM_LENGTH);
        if (ui.implementationClassUid() != null) {
            out.textItem(IMPLEMENTATION_CLASS_UID, ui.implementationClassUid());
        }
        if (ui.asyncOperationsWindow() != null) {
            m = out.beginItem(ASYNC_OPERATIONS_WINDOW);
            out.u16(ui.asyncOperationsWindow().maxInvoked(), "operations invoked");
            out.u16(ui.asyncOperationsWindow().maxPerformed(), "operations performed");
            out.endItem(m, ASYNC_OPERATIONS_WINDOW);
        }
        for (RoleSelection r : ui.roleSelections()) {
            m = out.beginItem(ROLE_SELECTION);
            out.text16(r.sopClassUid(), "role selection SOP class UID");
            out.u8(r.scu() ? 1 : 0);
            out.u8(r.scp() ? 1 : 0);
            out.endItem(m, ROLE_SELECTION);
        }
        if (ui.implementationVersionName() != null) {
            out.textItem(IMPLEMENTATION_VERSION_NAME, ui.implementationVersionName());
        }
        for (ExtendedNegotiation e : ui.extendedNegotiations()) {
            m = out.beginItem(EXTENDED_NEGOTIATION);
            out.text16(e.sopClassUid(), "extended negotiation SOP class UID");
            out.bytes(e.info());
            out.endItem(m, EXTENDED_NEGOTIATION);
        }
        for (CommonExtendedNegotiation c : ui.commonExtendedNegotiations()) {
            m = out.beginItem(COMMON_EXTENDED_NEGOTIATION); // byte 2 is the sub-item version, 0
            out.text16(c.sopClassUid(), "common extended negotiation SOP class UID");
            out.text16(c.serviceClassUid(), "common extended negotiation service class UID");
            int related = out.begin16();
            for (String uid : c.relatedGeneralSopClassUids()) {
                out.text16(uid, "related general SOP class UID");
            }
            out.end16(related, "related general SOP class identification");
            out.endItem(m, COMMON_EXTENDED_NEGOTIATION);
        }
        if (ui.userIdentityRq() != null) {
            UserIdentityRq u = ui.userIdentityRq();
            m = out.beginItem(USER_IDENTITY_RQ);
            out.u8(u.type());
            out.u8(u.positiveResponseRequested() ? 1 : 0);
            out.u16(u.primaryField().length, "user identity primary field");
            out.bytes(u.primaryField());
            out.u16(u.secondaryField().length, "user identity secondary field");
            out.bytes(u.secondaryField());
            out.endItem(m, USER_IDENTITY_RQ);
        }
        if (ui.userIdentityAc() != null) {
            m = out.beginItem(USER_IDENTITY_AC);
            out.u16(ui.userIdentityAc().serverResponse().length, "user identity server response");
            out.bytes(ui.userIdentityAc().serverResponse());
            out.endItem(m, USER_IDENTITY_AC);
        }
        out.endItem(item, USER_INFORMATION);
    }

    /** Decodes the user information item at {@code pos} ending at {@code end} (both checked by the caller). */
    static UserInformation decode(PduInput in, int pos, int end, boolean ac) throws PduException {
        long maxLength = -1;
        String classUid = null;
        String versionName = null;
        AsyncOperationsWindow window = null;
        List<RoleSelection> roles = new ArrayList<>();
        List<ExtendedNegotiation> extended = new ArrayList<>();
        List<CommonExtendedNegotiation> common = new ArrayList<>();
        UserIdentityRq identityRq = null;
        UserIdentityAc identityAc = null;
        String enclosing = ItemType.name(USER_INFORMATION);
        for (int p = pos + 4; p < end; ) {
            int subEnd = in.itemEnd(p, end, enclosing);
            int type = in.u8(p);
            int body = p + 4;
            int length = subEnd - body;
            String where = ItemType.name(type);
            switch (type) {
                case MAXIMUM_LENGTH -> {
                    single(in, p, maxLength >= 0);
                    fixedLength(in, p, length, 4);
                    maxLength = in.u32(body);
                }
                case IMPLEMENTATION_CLASS_UID -> {
                    single(in, p, classUid != null);
                    classUid = in.uid(body, length);
                }
                case ASYNC_OPERATIONS_WINDOW -> {
                    single(in, p, window != null);
                    fixedLength(in, p, length, 4);
                    window = new AsyncOperationsWindow(in.u16(body), in.u16(body + 2));
                }
                case ROLE_SELECTION -> {
                    int uidLength = in.lengthField(body, subEnd, p, "SOP class UID");
                    fixedLength(in, p, length, 2 + uidLength + 2);
                    int flags = body + 2 + uidLength;
                    roles.add(new RoleSelection(in.uid(body + 2, uidLength), in.u8(flags) != 0,
                            in.u8(flags + 1) != 0));
                }
                case IMPLEMENTATION_VERSION_NAME -> {
                    single(in, p, versionName != null);
                    versionName = in.uid(body, length);
                }
                case EXTENDED_NEGOTIATION -> {
                    int uidLength = in.lengthField(body, subEnd, p, "SOP class UID");
                    int info = body + 2 + uidLength;
                    extended.add(new ExtendedNegotiation(in.uid(body + 2, uidLength), in.copy(info, subEnd - info)));
                }
                case COMMON_EXTENDED_NEGOTIATION -> {
                    if (ac) {
                        throw in.unexpected(p, where, "only an association requestor sends this sub-item");
                    }
                    common.add(commonExtended(in, p, subEnd));
                }
                case USER_IDENTITY_RQ -> {
                    if (ac) {
                        throw in.unexpected(p, where, "not allowed in an A-ASSOCIATE-AC");
                    }
                    single(in, p, identityRq != null);
                    identityRq = identityRq(in, p, subEnd);
                }
                case USER_IDENTITY_AC -> {
                    if (!ac) {
                        throw in.unexpected(p, where, "not allowed in an A-ASSOCIATE-RQ");
                    }
                    single(in, p, identityAc != null);
                    int responseLength = in.lengthField(body, subEnd, p, "server response");
                    fixedLength(in, p, length, 2 + responseLength);
                    identityAc = new UserIdentityAc(in.copy(body + 2, responseLength));
                }
                default -> {
                    // PS3.8 Annex D: unknown sub-items are skipped; known items belong elsewhere.
                    if (ItemType.known(type)) {
                        throw in.unexpected(p, where, "not allowed in the user information item");
                    }
                }
            }
            p = subEnd;
        }
        // A missing maximum length sub-item is read as 0 (unlimited): see package documentation.
        return new UserInformation(Math.max(maxLength, 0), classUid, versionName, window, roles, extended, common,
                identityRq, identityAc);
    }

    private static CommonExtendedNegotiation commonExtended(PduInput in, int p, int end) throws PduException {
        int q = p + 4;
        int sopLength = in.lengthField(q, end, p, "SOP class UID");
        String sopClass = in.uid(q + 2, sopLength);
        q += 2 + sopLength;
        int serviceLength = in.lengthField(q, end, p, "service class UID");
        String serviceClass = in.uid(q + 2, serviceLength);
        q += 2 + serviceLength;
        int relatedLength = in.lengthField(q, end, p, "related general SOP class identification");
        List<String> related = new ArrayList<>();
        int relatedEnd = q + 2 + relatedLength;
        for (q += 2; q < relatedEnd; ) {
            int uidLength = in.lengthField(q, relatedEnd, p, "related general SOP class UID");
            related.add(in.uid(q + 2, uidLength));
            q += 2 + uidLength;
        }
        // Any bytes after the related identification are ignored, as reserved space would be.
        return new CommonExtendedNegotiation(sopClass, serviceClass, related);
    }

    private static UserIdentityRq identityRq(PduInput in, int p, int end) throws PduException {
        int q = p + 4;
        if (end - q < 2) {
            throw in.invalid(p, ItemType.name(USER_IDENTITY_RQ), "item length " + (end - q) + " is shorter than 6");
        }
        int type = in.u8(q);
        boolean positiveResponse = in.u8(q + 1) != 0;
        int primaryLength = in.lengthField(q + 2, end, p, "primary field");
        int secondary = q + 4 + primaryLength;
        int secondaryLength = in.lengthField(secondary, end, p, "secondary field");
        fixedLength(in, p, end - q, 6 + primaryLength + secondaryLength);
        return new UserIdentityRq(type, positiveResponse, in.copy(q + 4, primaryLength),
                in.copy(secondary + 2, secondaryLength));
    }

    private static void single(PduInput in, int p, boolean seen) throws PduException {
        if (seen) {
            throw in.unexpected(p, ItemType.name(in.u8(p)), "a second instance of a single-instance sub-item");
        }
    }

    private static void fixedLength(PduInput in, int p, int length, int expected) throws PduException {
        if (length != expected) {
            throw in.invalid(p, ItemType.name(in.u8(p)), "item length " + length + " where the fields add up to "
                    + expected);
        }
    }
}
