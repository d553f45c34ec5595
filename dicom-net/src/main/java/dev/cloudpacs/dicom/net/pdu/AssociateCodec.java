package dev.cloudpacs.dicom.net.pdu;

import java.util.ArrayList;
import java.util.List;

import static dev.cloudpacs.dicom.net.pdu.ItemType.ABSTRACT_SYNTAX;
import static dev.cloudpacs.dicom.net.pdu.ItemType.APPLICATION_CONTEXT;
import static dev.cloudpacs.dicom.net.pdu.ItemType.PRESENTATION_CONTEXT_AC;
import static dev.cloudpacs.dicom.net.pdu.ItemType.PRESENTATION_CONTEXT_RQ;
import static dev.cloudpacs.dicom.net.pdu.ItemType.TRANSFER_SYNTAX;
import static dev.cloudpacs.dicom.net.pdu.ItemType.USER_INFORMATION;

/**
 * Encoding and decoding of A-ASSOCIATE-RQ and -AC (PS3.8 sections 9.3.2 and 9.3.3). Both share
 * the layout of Tables 9-11 and 9-17, offsets from the first PDU byte (0-based):
 * <pre>
 *  0 type, 1 reserved, 2-5 PDU length, 6-7 protocol version, 8-9 reserved,
 * 10-25 called AE title, 26-41 calling AE title, 42-73 reserved, 74- items
 * </pre>
 * followed by the variable items 10H, 20H or 21H, and 50H.
 */
final class AssociateCodec {
    /** Bytes between the PDU length field and the first item (protocol version to the reserved block). */
    static final int FIXED_FIELDS = 68;

    private AssociateCodec() {
    }

    static void encodeRq(AAssociateRq rq, PduOutput out) {
        fixedFields(out, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext());
        if (rq.presentationContexts().isEmpty()) {
            throw new IllegalArgumentException("an A-ASSOCIATE-RQ needs at least one presentation context");
        }
        for (PresentationContextRq pc : rq.presentationContexts()) {
            // Table 9-13: 20H, reserved, length, ID, three reserved bytes, then the sub-items.
            int mark = out.beginItem(PRESENTATION_CONTEXT_RQ);
            out.u8(pc.id());
            out.zeros(3);
            out.textItem(ABSTRACT_SYNTAX, pc.abstractSyntax());
            for (String ts : pc.transferSyntaxes()) {
                out.textItem(TRANSFER_SYNTAX, ts);
            }
            out.endItem(mark, PRESENTATION_CONTEXT_RQ);
        }
        UserInformationCodec.encode(rq.userInformation(), false, out);
    }

    static void encodeAc(AAssociateAc ac, PduOutput out) {
        fixedFields(out, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle(), ac.applicationContext());
        if (ac.presentationContexts().isEmpty()) {
            throw new IllegalArgumentException("an A-ASSOCIATE-AC needs at least one presentation context");
        }
        for (PresentationContextAc pc : ac.presentationContexts()) {
            // Table 9-18: 21H, reserved, length, ID, reserved, result/reason, reserved, transfer syntax.
            int mark = out.beginItem(PRESENTATION_CONTEXT_AC);
            out.u8(pc.id());
            out.u8(0);
            out.u8(pc.result().code());
            out.u8(0);
            // Table 9-18 lists the sub-item unconditionally; for a rejection it is empty and not tested.
            out.textItem(TRANSFER_SYNTAX, pc.transferSyntax() == null ? "" : pc.transferSyntax());
            out.endItem(mark, PRESENTATION_CONTEXT_AC);
        }
        UserInformationCodec.encode(ac.userInformation(), true, out);
    }

    private static void fixedFields(PduOutput out, int protocolVersion, String called, String calling,
            String applicationContext) {
        out.u16(protocolVersion, "protocol version");
        out.zeros(2);
        out.aeTitle(called);
        out.aeTitle(calling);
        out.zeros(32);
        out.textItem(APPLICATION_CONTEXT, applicationContext);
    }

    /** Reads one presentation context item; RQ and AC differ only here. */
    @FunctionalInterface
    private interface ContextReader<T> {
        T read(PduInput in, int pos, int end) throws PduException;
    }

    /** The parts common to RQ and AC. */
    private record Parsed<T>(int protocolVersion, String called, String calling, String applicationContext,
            List<T> contexts, UserInformation userInformation) {
    }

    static AAssociateRq decodeRq(PduInput in, int end) throws PduException {
        Parsed<PresentationContextRq> p = decode(in, end, false, AssociateCodec::contextRq);
        return new AAssociateRq(p.protocolVersion, p.called, p.calling, p.applicationContext, p.contexts,
                p.userInformation);
    }

    static AAssociateAc decodeAc(PduInput in, int end) throws PduException {
        Parsed<PresentationContextAc> p = decode(in, end, true, AssociateCodec::contextAc);
        return new AAssociateAc(p.protocolVersion, p.called, p.calling, p.applicationContext, p.contexts,
                p.userInformation);
    }

    private static <T> Parsed<T> decode(PduInput in, int end, boolean ac, ContextReader<T> reader)
            throws PduException {
        int start = in.base + PduCodec.HEADER_LENGTH;
        if (end - start < FIXED_FIELDS) {
            throw in.invalid(in.base + 2, "PDU length", (end - start) + " is shorter than the " + FIXED_FIELDS
                    + " bytes of fixed fields");
        }
        int protocolVersion = in.u16(start);
        String called = in.aeTitle(start + 4);
        String calling = in.aeTitle(start + 20);
        String applicationContext = null;
        List<T> contexts = new ArrayList<>();
        UserInformation userInformation = null;
        int pos = start + FIXED_FIELDS;
        while (pos < end) {
            int itemEnd = in.itemEnd(pos, end, "PDU");
            int type = in.u8(pos);
            switch (type) {
                case APPLICATION_CONTEXT -> {
                    if (applicationContext != null) {
                        throw in.unexpected(pos, ItemType.name(type), "a second application context item");
                    }
                    applicationContext = in.uid(pos + 4, itemEnd - pos - 4);
                }
                case PRESENTATION_CONTEXT_RQ, PRESENTATION_CONTEXT_AC -> {
                    if ((type == PRESENTATION_CONTEXT_AC) != ac) {
                        throw in.unexpected(pos, ItemType.name(type), "not allowed in an " + in.type);
                    }
                    contexts.add(reader.read(in, pos, itemEnd));
                }
                case USER_INFORMATION -> {
                    if (userInformation != null) {
                        throw in.unexpected(pos, ItemType.name(type), "a second user information item");
                    }
                    userInformation = UserInformationCodec.decode(in, pos, itemEnd, ac);
                }
                default -> {
                    // PS3.8 9.3.1: unknown items are skipped; known ones belong to another level.
                    if (ItemType.known(type)) {
                        throw in.unexpected(pos, ItemType.name(type), "a sub-item is not allowed at PDU level");
                    }
                }
            }
            pos = itemEnd;
        }
        if (applicationContext == null) {
            throw in.invalid(start + FIXED_FIELDS, "variable items", "no application context item");
        }
        if (contexts.isEmpty()) {
            throw in.invalid(start + FIXED_FIELDS, "variable items", "no presentation context item");
        }
        return new Parsed<>(protocolVersion, called, calling, applicationContext, contexts,
                userInformation == null ? UserInformation.EMPTY : userInformation);
    }

    private static PresentationContextRq contextRq(PduInput in, int pos, int end) throws PduException {
        String where = ItemType.name(PRESENTATION_CONTEXT_RQ);
        if (end - pos < 8) {
            throw in.invalid(pos, where, "item length " + (end - pos - 4) + " is shorter than 4");
        }
        int id = in.u8(pos + 4);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        for (int p = pos + 8; p < end; ) {
            int subEnd = in.itemEnd(p, end, where);
            int type = in.u8(p);
            if (type == ABSTRACT_SYNTAX) {
                if (abstractSyntax != null) {
                    throw in.unexpected(p, ItemType.name(type), "a second abstract syntax in context " + id);
                }
                abstractSyntax = in.uid(p + 4, subEnd - p - 4);
            } else if (type == TRANSFER_SYNTAX) {
                transferSyntaxes.add(in.uid(p + 4, subEnd - p - 4));
            } else if (ItemType.known(type)) {
                throw in.unexpected(p, ItemType.name(type), "not allowed in a presentation context");
            }
            p = subEnd;
        }
        if (abstractSyntax == null) {
            throw in.invalid(pos, where, "context " + id + " has no abstract syntax sub-item");
        }
        // Zero transfer syntaxes is left to the association layer: it can reject just this context.
        return new PresentationContextRq(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextAc contextAc(PduInput in, int pos, int end) throws PduException {
        String where = ItemType.name(PRESENTATION_CONTEXT_AC);
        if (end - pos < 8) {
            throw in.invalid(pos, where, "item length " + (end - pos - 4) + " is shorter than 4");
        }
        int id = in.u8(pos + 4);
        PresentationContextAc.Result result = PresentationContextAc.Result.of(in.u8(pos + 6));
        if (result == null) {
            throw in.invalid(pos + 6, where, "result/reason " + in.u8(pos + 6) + " of context " + id
                    + " is not defined");
        }
        String transferSyntax = null;
        for (int p = pos + 8; p < end; ) {
            int subEnd = in.itemEnd(p, end, where);
            int type = in.u8(p);
            if (type == TRANSFER_SYNTAX) {
                if (transferSyntax != null) {
                    throw in.unexpected(p, ItemType.name(type), "a second transfer syntax in context " + id);
                }
                transferSyntax = in.uid(p + 4, subEnd - p - 4);
            } else if (ItemType.known(type)) {
                throw in.unexpected(p, ItemType.name(type), "not allowed in a presentation context");
            }
            p = subEnd;
        }
        if (result != PresentationContextAc.Result.ACCEPTANCE) {
            // Not significant for a rejection (Table 9-18): keep what came, empty becomes null.
            return new PresentationContextAc(id, result, transferSyntax);
        }
        if (transferSyntax == null || transferSyntax.isEmpty()) {
            throw in.invalid(pos, where, "accepted context " + id + " has no transfer syntax");
        }
        return new PresentationContextAc(id, result, transferSyntax);
    }
}
