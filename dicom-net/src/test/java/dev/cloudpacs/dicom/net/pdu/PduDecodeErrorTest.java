package dev.cloudpacs.dicom.net.pdu;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid PDUs: each is refused with the A-ABORT reason PS3.8 implies and a message naming PDU, item and offset. */
class PduDecodeErrorTest {

    private static final String FIXED = """
            0001 0000 'ANY-SCP         ' 'ECHOSCU         '
            00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
            """;
    private static final String APP = "10 00 0015 '1.2.840.10008.3.1.1.1'\n";
    private static final String PC = "20 00 002E 01 000000 30 00 0011 '1.2.840.10008.1.1' 40 00 0011 '1.2.840.10008.1.2'\n";
    private static final String UI = "50 00 0008 51 00 0004 00004000\n";

    /** A PDU of the given type whose length field is computed from the body. */
    private static byte[] pdu(int type, String body) {
        byte[] b = Hex.parse(body);
        byte[] out = new byte[6 + b.length];
        out[0] = (byte) type;
        PduCodec.putU32(out, 2, b.length);
        System.arraycopy(b, 0, out, 6, b.length);
        return out;
    }

    private static PduException refused(byte[] pdu, AbortReason reason, String... fragments) {
        PduException e = assertThrows(PduException.class, () -> PduCodec.decode(pdu, 0, pdu.length));
        assertEquals(reason, e.abortReason(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' not in: " + e.getMessage());
        }
        assertEquals(new AAbort(AbortSource.SERVICE_PROVIDER, reason), e.toAbort());
        return e;
    }

    @Test
    void unknownPduTypeIsUnrecognizedPdu() {
        refused(pdu(0x08, "00000000"), AbortReason.UNRECOGNIZED_PDU, "08H");
        refused(pdu(0x00, ""), AbortReason.UNRECOGNIZED_PDU);
    }

    @Test
    void headerAndLengthMismatches() {
        refused(Hex.parse("05 00 0000"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "needs 6 bytes");
        byte[] release = pdu(0x05, "00000000");
        refused(Arrays.copyOf(release, 9), AbortReason.INVALID_PDU_PARAMETER_VALUE, "A-RELEASE-RQ",
                "PDU length at offset 2", "says 4 but 3");
        refused(Arrays.copyOf(release, 11), AbortReason.INVALID_PDU_PARAMETER_VALUE, "says 4 but 5");
        refused(pdu(0x06, "0000000000"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "A-RELEASE-RP", "exactly 4");
        refused(pdu(0x07, "000000"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "A-ABORT");
        refused(pdu(0x03, "0001010100"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "A-ASSOCIATE-RJ");
    }

    @Test
    void associateRjUndefinedResultOrSource() {
        refused(pdu(0x03, "00 03 01 01"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "result at offset 7");
        refused(pdu(0x03, "00 01 00 01"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "source at offset 8");
    }

    @Test
    void pDataTf() {
        refused(pdu(0x04, ""), AbortReason.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF", "at least one PDV");
        refused(pdu(0x04, "00000001 01"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "PDV item at offset 6",
                "item length 1");
        refused(pdu(0x04, "00000005 01 02 AABB"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "item length 5 exceeds");
        refused(pdu(0x04, "00000003 01 02 AA 0000"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "PDV item at offset 13",
                "needs 4 bytes");
        refused(pdu(0x04, "FFFFFFFF 01 02"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "4294967295");
    }

    @Test
    void associateRqTooShortForFixedFields() {
        refused(pdu(0x01, "0001 0000"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "A-ASSOCIATE-RQ", "68 bytes");
    }

    @Test
    void itemLengthBeyondThePdu() {
        PduException e = refused(pdu(0x01, FIXED + "10 00 0100 '1.2'"), AbortReason.INVALID_PDU_PARAMETER_VALUE);
        assertEquals("A-ASSOCIATE-RQ, Application Context item (10H) at offset 74: item length 256 exceeds the"
                + " 3 bytes left in the PDU", e.getMessage());
        refused(pdu(0x01, FIXED + APP + "20 00"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "item header at offset 99",
                "needs 4 bytes but only 2");
        refused(pdu(0x01, FIXED + APP + "20 00 000D 01 000000 30 00 0011 '1.2.8'"),
                AbortReason.INVALID_PDU_PARAMETER_VALUE, "Abstract Syntax sub-item (30H) at offset 107",
                "left in the Presentation Context item (20H)");
    }

    @Test
    void mandatoryItemsOfARequest() {
        refused(pdu(0x01, FIXED + PC + UI), AbortReason.INVALID_PDU_PARAMETER_VALUE, "no application context");
        refused(pdu(0x01, FIXED + APP + UI), AbortReason.INVALID_PDU_PARAMETER_VALUE, "no presentation context");
        refused(pdu(0x01, FIXED + APP + APP + PC + UI), AbortReason.UNEXPECTED_PDU_PARAMETER,
                "Application Context item (10H) at offset 99", "second");
        refused(pdu(0x01, FIXED + APP + PC + UI + UI), AbortReason.UNEXPECTED_PDU_PARAMETER, "second user information");
        refused(pdu(0x01, FIXED + APP + "20 00 0019 01 000000 40 00 0011 '1.2.840.10008.1.2'" + UI),
                AbortReason.INVALID_PDU_PARAMETER_VALUE, "no abstract syntax");
        refused(pdu(0x01, FIXED + APP + "20 00 0002 01 00" + UI), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "shorter than 4");
        refused(pdu(0x01, FIXED + APP + "20 00 0010 01 000000 30 00 0002 '1.' 30 00 0002 '1.'" + UI),
                AbortReason.UNEXPECTED_PDU_PARAMETER, "second abstract syntax");
    }

    @Test
    void itemsInTheWrongPlaceAreUnexpectedParameters() {
        String pcAc = "21 00 0019 01 00 00 00 40 00 0011 '1.2.840.10008.1.2'\n";
        refused(pdu(0x01, FIXED + APP + PC + pcAc + UI), AbortReason.UNEXPECTED_PDU_PARAMETER,
                "Presentation Context item (AC) (21H) at offset 149", "not allowed in an A-ASSOCIATE-RQ");
        refused(pdu(0x02, FIXED + APP + pcAc + PC + UI), AbortReason.UNEXPECTED_PDU_PARAMETER,
                "Presentation Context item (20H)", "not allowed in an A-ASSOCIATE-AC");
        refused(pdu(0x01, FIXED + APP + PC + "40 00 0003 '1.2'" + UI), AbortReason.UNEXPECTED_PDU_PARAMETER,
                "Transfer Syntax sub-item (40H)", "PDU level");
        refused(pdu(0x01, FIXED + APP + "20 00 000D 01 000000 51 00 0004 00000000" + UI),
                AbortReason.UNEXPECTED_PDU_PARAMETER, "Maximum Length sub-item", "presentation context");
        refused(pdu(0x02, FIXED + APP + "21 00 000E 01 00 00 00 30 00 0002 '1.' 40 00 0000" + UI),
                AbortReason.UNEXPECTED_PDU_PARAMETER, "Abstract Syntax");
    }

    @Test
    void presentationContextAcResult() {
        refused(pdu(0x02, FIXED + APP + "21 00 0008 01 00 05 00 40 00 0000" + UI),
                AbortReason.INVALID_PDU_PARAMETER_VALUE, "result/reason 5");
        refused(pdu(0x02, FIXED + APP + "21 00 0008 01 00 00 00 40 00 0000" + UI),
                AbortReason.INVALID_PDU_PARAMETER_VALUE, "accepted context 1 has no transfer syntax");
        refused(pdu(0x02, FIXED + APP + "21 00 0004 01 00 00 00" + UI),
                AbortReason.INVALID_PDU_PARAMETER_VALUE, "accepted context 1 has no transfer syntax");
        refused(pdu(0x02, FIXED + APP + "21 00 0010 01 00 00 00 40 00 0002 '1.' 40 00 0002 '1.'" + UI),
                AbortReason.UNEXPECTED_PDU_PARAMETER, "second transfer syntax");
    }

    private static byte[] rqWithUserInfo(String subItems) {
        byte[] items = Hex.parse(subItems);
        String ui = String.format("50 00 %04X ", items.length) + subItems;
        return pdu(0x01, FIXED + APP + PC + ui);
    }

    private static byte[] acWithUserInfo(String subItems) {
        byte[] items = Hex.parse(subItems);
        String ui = String.format("50 00 %04X ", items.length) + subItems;
        return pdu(0x02, FIXED + APP + "21 00 0019 01 00 00 00 40 00 0011 '1.2.840.10008.1.2'\n" + ui);
    }

    @Test
    void userInformationSubItemLengths() {
        refused(rqWithUserInfo("51 00 0003 000040"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "Maximum Length sub-item (51H) at offset 153", "item length 3 where the fields add up to 4");
        refused(rqWithUserInfo("53 00 0002 0001"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "Asynchronous");
        refused(rqWithUserInfo("54 00 0006 0009 '1.2' 01"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "SOP class UID length 9");
        refused(rqWithUserInfo("54 00 0008 0003 '1.2' 01 01 00"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "item length 8 where the fields add up to 7");
        refused(rqWithUserInfo("54 00 0001 00"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "does not fit");
        refused(rqWithUserInfo("56 00 0002 0001"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "SOP class UID length 1");
        refused(rqWithUserInfo("57 00 0006 0001 '1' 0003 '2'"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "service class UID length 3");
        refused(rqWithUserInfo("57 00 0006 0001 '1' 0001 '2'"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "related general SOP class identification length field at offset 163 does not fit");
        refused(rqWithUserInfo("57 00 000A 0001 '1' 0001 '2' 0002 0005"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "related general SOP class UID length 5");
        refused(rqWithUserInfo("58 00 0001 01"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "shorter than 6");
        refused(rqWithUserInfo("58 00 0006 01 00 0003 0000"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "primary field length 3");
        refused(rqWithUserInfo("58 00 0008 01 00 0000 0000 FFFF"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "item length 8 where the fields add up to 6");
        refused(acWithUserInfo("59 00 0003 0002 FF"), AbortReason.INVALID_PDU_PARAMETER_VALUE, "server response");
        refused(rqWithUserInfo("51 00 0009 00004000"), AbortReason.INVALID_PDU_PARAMETER_VALUE,
                "item length 9 exceeds the 4 bytes left in the User Information item (50H)");
    }

    @Test
    void userInformationSubItemPlacement() {
        refused(rqWithUserInfo("51 00 0004 00004000 51 00 0004 00004000"), AbortReason.UNEXPECTED_PDU_PARAMETER,
                "Maximum Length sub-item (51H) at offset 161", "second instance");
        refused(rqWithUserInfo("52 00 0001 '1' 52 00 0001 '1'"), AbortReason.UNEXPECTED_PDU_PARAMETER);
        refused(rqWithUserInfo("59 00 0002 0000"), AbortReason.UNEXPECTED_PDU_PARAMETER,
                "User Identity sub-item (AC) (59H)", "not allowed in an A-ASSOCIATE-RQ");
        refused(acWithUserInfo("58 00 0006 01 00 0000 0000"), AbortReason.UNEXPECTED_PDU_PARAMETER,
                "not allowed in an A-ASSOCIATE-AC");
        refused(acWithUserInfo("57 00 0006 0000 0000 0000"), AbortReason.UNEXPECTED_PDU_PARAMETER,
                "only an association requestor");
        refused(rqWithUserInfo("50 00 0000"), AbortReason.UNEXPECTED_PDU_PARAMETER, "User Information item (50H)",
                "not allowed in the user information item");
    }

    @Test
    void encoderRefusesWhatTheDecoderWouldRefuse() {
        UserInformation ac = UserInformation.EMPTY.withUserIdentityAc(new UserInformation.UserIdentityAc(new byte[0]));
        AAssociateRq rq = AAssociateRq.builder().calledAeTitle("B").callingAeTitle("A")
                .presentationContext(1, "1.2", "1.2.3").userInformation(ac).build();
        assertThrows(IllegalArgumentException.class, () -> PduCodec.encode(rq));
        AAssociateRq noContexts = new AAssociateRq(1, "B", "A", "1.2", List.of(), UserInformation.EMPTY);
        assertThrows(IllegalArgumentException.class, () -> PduCodec.encode(noContexts));
        AAssociateRq tooLong = AAssociateRq.builder().calledAeTitle("B").callingAeTitle("A")
                .presentationContext(1, "1".repeat(70000), "1.2").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PduCodec.encode(tooLong));
        assertTrue(e.getMessage().contains("Abstract Syntax"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AAssociateRq.builder().calledAeTitle("SEVENTEEN_CHARS_X")
                .callingAeTitle("A").build());
        assertThrows(IllegalArgumentException.class, () -> new PDataTf(List.of()));
        assertThrows(IllegalArgumentException.class, () -> PresentationContextAc.accept(1, ""));
    }
}
