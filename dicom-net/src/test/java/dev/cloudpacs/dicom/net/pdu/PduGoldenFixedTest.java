package dev.cloudpacs.dicom.net.pdu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Golden bytes, written by hand from PS3.8 Tables 9-21 to 9-26, for the fixed-size PDUs and
 * P-DATA-TF. Offsets in the comments are 0-based (the standard counts from 1).
 */
class PduGoldenFixedTest {

    private static void assertGolden(Pdu pdu, byte[] expected) throws PduException {
        byte[] actual = PduCodec.encode(pdu);
        assertArrayEquals(expected, actual, () -> "encoded:\n" + Hex.dump(actual));
        assertEquals(pdu, PduCodec.decode(expected, 0, expected.length));
    }

    @Test
    void associateRj() throws Exception {
        assertGolden(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED, Hex.parse("""
                03 00        # 0 PDU type 03H, 1 reserved
                00000004     # 2-5 PDU length
                00           # 6 reserved
                01           # 7 result: rejected-permanent
                01           # 8 source: DICOM UL service-user
                07           # 9 reason: called-AE-title-not-recognized
                """));
        assertGolden(AAssociateRj.LOCAL_LIMIT_EXCEEDED, Hex.parse("03 00 00000004 00 02 03 02"));
        assertGolden(AAssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED, Hex.parse("03 00 00000004 00 01 02 02"));
    }

    @Test
    void associateRjReservedReasonIsKept() throws Exception {
        Pdu pdu = PduCodec.decode(Hex.parse("03 00 00000004 FF 02 01 05"), 0, 10);
        AAssociateRj rj = assertInstanceOf(AAssociateRj.class, pdu);
        assertEquals(AAssociateRj.Result.REJECTED_TRANSIENT, rj.result());
        assertEquals(AAssociateRj.Source.SERVICE_USER, rj.source());
        assertEquals(5, rj.reason());
        assertEquals(null, rj.knownReason());
    }

    @Test
    void releaseRqAndRp() throws Exception {
        assertGolden(AReleaseRq.INSTANCE, Hex.parse("""
                05 00        # 0 PDU type 05H, 1 reserved
                00000004     # 2-5 PDU length
                00000000     # 6-9 reserved
                """));
        assertGolden(AReleaseRp.INSTANCE, Hex.parse("06 00 00000004 00000000"));
        // Reserved bytes are not tested on receipt (PS3.8 9.3.1).
        assertSame(AReleaseRq.INSTANCE, PduCodec.decode(Hex.parse("05 7F 00000004 DEADBEEF")));
    }

    @Test
    void abort() throws Exception {
        assertGolden(AAbort.byServiceProvider(AbortReason.INVALID_PDU_PARAMETER_VALUE), Hex.parse("""
                07 00        # 0 PDU type 07H, 1 reserved
                00000004     # 2-5 PDU length
                00 00        # 6-7 reserved
                02           # 8 source: service-provider
                06           # 9 reason: invalid-PDU-parameter value
                """));
        assertGolden(AAbort.BY_SERVICE_USER, Hex.parse("07 00 00000004 00 00 00 00"));
    }

    @Test
    void abortWithUndefinedCodesKeepsThem() throws Exception {
        AAbort a = assertInstanceOf(AAbort.class, PduCodec.decode(Hex.parse("07 00 00000004 11 22 09 03")));
        assertEquals(9, a.sourceCode());
        assertEquals(3, a.reasonCode());
        assertEquals(AbortSource.RESERVED, a.source());
        assertEquals(AbortReason.RESERVED, a.reason());
        assertArrayEquals(Hex.parse("07 00 00000004 00 00 09 03"), PduCodec.encode(a));
    }

    @Test
    void pDataTfWithTwoPdvs() throws Exception {
        byte[] expected = Hex.parse("""
                04 00        # 0 PDU type 04H, 1 reserved
                00000011     # 2-5 PDU length 17
                00000004     # 6-9 PDV item length: ID + control header + 2 bytes
                01           # 10 presentation context ID 1
                03           # 11 control header: command (bit 0), last (bit 1)
                'AB'         # 12-13 fragment
                00000005     # 14-17 PDV item length
                03           # 18 presentation context ID 3
                00           # 19 control header: data set, not last
                010203       # 20-22 fragment
                """);
        PDataTf p = PDataTf.of(new Pdv(1, true, true, "AB".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                new Pdv(3, false, false, new byte[] {9, 1, 2, 3, 9}, 1, 3));
        assertGolden(p, expected);
        PDataTf decoded = (PDataTf) PduCodec.decode(expected);
        Pdv second = decoded.pdvs().get(1);
        assertSame(expected, second.data(), "decoding slices the input, no copy");
        assertEquals(20, second.offset());
        assertEquals(3, second.length());
    }

    @Test
    void pDataTfEmptyFragmentAndReservedControlBits() throws Exception {
        // PDV length 2 is the minimum: context ID and control header, empty fragment. Bits 2-7 not tested.
        PDataTf p = (PDataTf) PduCodec.decode(Hex.parse("04 00 00000006 00000002 05 FE"));
        assertEquals(new Pdv(5, false, true, new byte[0]), p.pdvs().get(0));
    }

    @Test
    void writePDataHeader() throws Exception {
        byte[] out = new byte[14];
        PduCodec.writePDataHeader(out, 1, 5, false, true, 256);
        assertArrayEquals(Hex.parse("""
                00           # (caller's byte before the header)
                04 00        # 0 PDU type 04H, 1 reserved
                00000106     # 2-5 PDU length: 256 + 6
                00000102     # 6-9 PDV item length: 256 + 2
                05           # 10 presentation context ID
                02           # 11 control header: data set, last
                00           # (the fragment would follow)
                """), out);
        // The header plus a fragment decodes as a one-PDV P-DATA-TF.
        byte[] pdu = new byte[12 + 3];
        PduCodec.writePDataHeader(pdu, 0, 7, true, false, 3);
        pdu[12] = 1;
        pdu[13] = 2;
        pdu[14] = 3;
        assertEquals(PDataTf.of(new Pdv(7, true, false, new byte[] {1, 2, 3})), PduCodec.decode(pdu));
    }

    @Test
    void pduLengthHelpers() {
        byte[] header = Hex.parse("04 00 FFFFFFFE");
        assertEquals(0xFFFF_FFFEL, PduCodec.pduLengthUnsigned(header, 0));
        assertEquals(Integer.MAX_VALUE, PduCodec.pduLength(header));
        assertEquals(0x1234, PduCodec.pduLength(Hex.parse("01 00 00001234")));
    }

    @Test
    void pduTypeCodes() {
        for (PduType t : PduType.values()) {
            assertSame(t, PduType.of(t.code()));
        }
        assertEquals(null, PduType.of(0));
        assertEquals(null, PduType.of(8));
        assertEquals(null, PduType.of(-1));
        assertEquals("P-DATA-TF", PduType.P_DATA_TF.toString());
    }
}
