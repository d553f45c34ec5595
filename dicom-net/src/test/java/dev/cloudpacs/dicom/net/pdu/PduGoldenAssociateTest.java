package dev.cloudpacs.dicom.net.pdu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Golden bytes, written by hand from PS3.8 Tables 9-11 to 9-19 and Annex D, for A-ASSOCIATE-RQ
 * and -AC with their items. Offsets in the comments are 0-based from the first PDU byte.
 */
class PduGoldenAssociateTest {

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";

    /** 182 bytes: one presentation context, maximum length, implementation class UID and version name. */
    static final String RQ = """
            01 00          # 0 PDU type 01H, 1 reserved
            000000B0       # 2-5 PDU length 176 = 68 fixed + 25 + 50 + 33
            0001           # 6-7 protocol version: bit 0
            0000           # 8-9 reserved
            'ANY-SCP         '  # 10-25 called AE title, space padded to 16
            'ECHOSCU         '  # 26-41 calling AE title
            00000000 00000000 00000000 00000000   # 42-73 reserved (32 bytes)
            00000000 00000000 00000000 00000000
            10 00 0015     # 74 Application Context item 10H, reserved, length 21
            '1.2.840.10008.3.1.1.1'               # 78-98 application context name
            20 00 002E     # 99 Presentation Context item 20H, reserved, length 46
            01 00 00 00    # 103 context ID 1, three reserved bytes
            30 00 0011     # 107 Abstract Syntax sub-item 30H, length 17
            '1.2.840.10008.1.1'                   # 111-127 Verification SOP Class
            40 00 0011     # 128 Transfer Syntax sub-item 40H, length 17
            '1.2.840.10008.1.2'                   # 132-148 Implicit VR Little Endian
            50 00 001D     # 149 User Information item 50H, length 29
            51 00 0004     # 153 Maximum Length sub-item 51H, length 4
            00004000       # 157-160 maximum length received 16384
            52 00 0007     # 161 Implementation Class UID sub-item 52H, length 7
            '1.2.3.4'      # 165-171
            55 00 0006     # 172 Implementation Version Name sub-item 55H, length 6
            'TEST_1'       # 176-181
            """;

    static AAssociateRq rq() {
        return AAssociateRq.builder().calledAeTitle("ANY-SCP").callingAeTitle("ECHOSCU")
                .presentationContext(1, VERIFICATION, IMPLICIT_LE)
                .userInformation(UserInformation.EMPTY.withMaxPduLength(16384).withImplementationClassUid("1.2.3.4")
                        .withImplementationVersionName("TEST_1"))
                .build();
    }

    @Test
    void associateRq() throws Exception {
        byte[] expected = Hex.parse(RQ);
        assertEquals(182, expected.length);
        byte[] actual = PduCodec.encode(rq());
        assertArrayEquals(expected, actual, () -> Hex.dump(actual));
        assertEquals(rq(), PduCodec.decode(expected));
    }

    @Test
    void associateAc() throws Exception {
        byte[] expected = Hex.parse("""
                02 00          # 0 PDU type 02H, 1 reserved
                000000AF       # 2-5 PDU length 175 = 68 + 25 + 29 + 12 + 41
                0001 0000      # 6-7 protocol version, 8-9 reserved
                'ANY-SCP         '  # 10-25 reserved: called AE title echoed from the request
                'ECHOSCU         '  # 26-41 reserved: calling AE title echoed
                00000000 00000000 00000000 00000000   # 42-73 reserved
                00000000 00000000 00000000 00000000
                10 00 0015 '1.2.840.10008.3.1.1.1'    # 74 Application Context item
                21 00 0019     # 99 Presentation Context item (AC) 21H, length 25
                01 00 00 00    # 103 context ID 1, reserved, result 0 acceptance, reserved
                40 00 0011 '1.2.840.10008.1.2'        # 107 Transfer Syntax sub-item
                21 00 0008     # 128 Presentation Context item (AC), length 8
                03 00 03 00    # 132 context ID 3, reserved, result 3 abstract-syntax-not-supported
                40 00 0000     # 136 Transfer Syntax sub-item, empty: not significant when rejected
                50 00 0025     # 140 User Information item, length 37
                51 00 0004 00008000                   # 144 Maximum Length 32768
                52 00 0007 '1.2.3.4'                  # 152 Implementation Class UID
                55 00 0006 'TEST_1'                   # 163 Implementation Version Name
                59 00 0004     # 173 User Identity sub-item (AC) 59H, length 4
                0002 'ok'      # 177 server response length 2, 179-180 response
                """);
        AAssociateAc ac = AAssociateAc.answering(rq(), List.of(
                        PresentationContextAc.accept(1, IMPLICIT_LE),
                        PresentationContextAc.reject(3, PresentationContextAc.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED)),
                UserInformation.EMPTY.withMaxPduLength(32768).withImplementationClassUid("1.2.3.4")
                        .withImplementationVersionName("TEST_1")
                        .withUserIdentityAc(new UserInformation.UserIdentityAc("ok".getBytes())));
        byte[] actual = PduCodec.encode(ac);
        assertArrayEquals(expected, actual, () -> Hex.dump(actual));
        assertEquals(ac, PduCodec.decode(expected));
    }

    @Test
    void presentationContextRqWithSeveralTransferSyntaxes() throws Exception {
        byte[] item = Hex.parse("""
                20 00 004D     # Presentation Context item 20H, length 77 = 4 + 29 + 21 + 23
                07 00 00 00    # context ID 7, reserved
                30 00 0019 '1.2.840.10008.5.1.4.1.1.2'   # Abstract Syntax: CT Image Storage
                40 00 0011 '1.2.840.10008.1.2'           # Implicit VR Little Endian
                40 00 0013 '1.2.840.10008.1.2.1'         # Explicit VR Little Endian
                """);
        AAssociateRq rq = new AAssociateRq(1, "ANY-SCP", "ECHOSCU", "1.2.840.10008.3.1.1.1",
                List.of(PresentationContextRq.of(7, CT_IMAGE, IMPLICIT_LE, "1.2.840.10008.1.2.1")),
                UserInformation.EMPTY.withMaxPduLength(16384).withImplementationClassUid("1.2.3.4")
                        .withImplementationVersionName("TEST_1"));
        byte[] pdu = PduCodec.encode(rq);
        assertArrayEquals(item, java.util.Arrays.copyOfRange(pdu, 99, 99 + item.length), () -> Hex.dump(pdu));
        assertEquals(rq, PduCodec.decode(pdu));
    }

    @Test
    void decodeIsLenientWhereTheStandardSaysNotToTest() throws Exception {
        byte[] pdu = Hex.parse("""
                01 FF          # reserved byte set: not tested
                000000AC       # PDU length 172 = 68 + 25 + 4 + 50 + 25
                0003 FFFF      # protocol version with bit 1 set too; reserved set
                '  ANY-SCP       '  # leading spaces are not significant either
                'ECHOSCU         '
                FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF   # reserved, not tested
                FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF
                10 00 0015 '1.2.840.10008.3.1.1.1'
                7F 00 0000     # unknown item type 7FH, empty: skipped (PS3.8 9.3.1)
                20 00 002E
                01 FF FF FF    # context ID 1, reserved bytes set
                30 FF 0011 '1.2.840.10008.1.1'
                40 00 0011 '1.2.840.10008.1.2'
                50 00 0015     # User Information, length 21
                51 00 0004 00000000   # maximum length 0: unlimited
                52 00 0009 '1.2.3.4' 00 20   # UID with a NUL and a space of padding, stripped
                """);
        AAssociateRq rq = (AAssociateRq) PduCodec.decode(pdu);
        assertEquals(3, rq.protocolVersion());
        assertEquals("ANY-SCP", rq.calledAeTitle());
        assertEquals("ECHOSCU", rq.callingAeTitle());
        assertEquals(List.of(PresentationContextRq.of(1, VERIFICATION, IMPLICIT_LE)), rq.presentationContexts());
        assertEquals("1.2.3.4", rq.userInformation().implementationClassUid());
        assertEquals(0, rq.userInformation().maxPduLength());
        assertNull(rq.userInformation().implementationVersionName());
    }

    @Test
    void missingUserInformationReadsAsUnlimited() throws Exception {
        byte[] pdu = Hex.parse("""
                01 00 00000093 0001 0000      # PDU length 147 = 68 + 25 + 54
                'ANY-SCP         ' 'ECHOSCU         '
                00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
                10 00 0015 '1.2.840.10008.3.1.1.1'
                20 00 0032 01 000000 30 00 0011 '1.2.840.10008.1.1'
                40 00 0011 '1.2.840.10008.1.2'
                88 00 0000     # unknown item 88H in the PDU: skipped
                """);
        AAssociateRq rq = (AAssociateRq) PduCodec.decode(pdu);
        assertEquals(UserInformation.EMPTY, rq.userInformation());
        assertEquals(1, rq.presentationContexts().size());
    }

    @Test
    void rejectedContextKeepsAnyTransferSyntaxAndEmptyBecomesNull() throws Exception {
        AAssociateAc ac = AAssociateAc.answering(rq(), List.of(
                new PresentationContextAc(1, PresentationContextAc.Result.USER_REJECTION, IMPLICIT_LE),
                new PresentationContextAc(3, PresentationContextAc.Result.NO_REASON, "")), UserInformation.of(0));
        AAssociateAc decoded = (AAssociateAc) PduCodec.decode(PduCodec.encode(ac));
        assertEquals(ac, decoded);
        assertEquals(IMPLICIT_LE, decoded.presentationContext(1).transferSyntax());
        assertNull(decoded.presentationContext(3).transferSyntax());
    }
}
