package dev.cloudpacs.dicom.net.pdu;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The codes of PS3.8 Tables 9-21 and 9-26 and the sentences users see for them. */
class PduDescriptionTest {

    @Test
    void associateRjDescribesCalledAeTitle() {
        assertEquals("A-ASSOCIATE-RJ rejected-permanent by DICOM UL service-user: called AE title not recognized: "
                        + "check the called AE title (-aec) against the server's AE title",
                AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED.describe());
    }

    @Test
    void everyDefinedRejectReasonHasItsCodeSourceAndWords() {
        record Row(AAssociateRj rj, AAssociateRj.Source source, int code, String words) {
        }
        var rows = new Row[] {
            new Row(AAssociateRj.USER_NO_REASON_GIVEN, AAssociateRj.Source.SERVICE_USER, 1, "no reason given"),
            new Row(AAssociateRj.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED, AAssociateRj.Source.SERVICE_USER, 2,
                    "application context name not supported"),
            new Row(AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED, AAssociateRj.Source.SERVICE_USER, 3,
                    "calling AE title not recognized: check that the calling AE title (-aet)"),
            new Row(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED, AAssociateRj.Source.SERVICE_USER, 7,
                    "called AE title not recognized"),
            new Row(AAssociateRj.ACSE_NO_REASON_GIVEN, AAssociateRj.Source.SERVICE_PROVIDER_ACSE, 1,
                    "(ACSE related function): no reason given"),
            new Row(AAssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED, AAssociateRj.Source.SERVICE_PROVIDER_ACSE, 2,
                    "protocol version not supported"),
            new Row(AAssociateRj.TEMPORARY_CONGESTION, AAssociateRj.Source.SERVICE_PROVIDER_PRESENTATION, 1,
                    "rejected-transient by DICOM UL service-provider (Presentation related function): temporary "
                            + "congestion"),
            new Row(AAssociateRj.LOCAL_LIMIT_EXCEEDED, AAssociateRj.Source.SERVICE_PROVIDER_PRESENTATION, 2,
                    "local limit exceeded"),
        };
        Set<AAssociateRj.Reason> seen = EnumSet.noneOf(AAssociateRj.Reason.class);
        for (Row row : rows) {
            assertEquals(row.source, row.rj.source());
            assertEquals(row.code, row.rj.reason());
            assertTrue(row.rj.describe().contains(row.words), row.rj.describe());
            seen.add(row.rj.knownReason());
        }
        assertEquals(EnumSet.allOf(AAssociateRj.Reason.class), seen);
        for (AAssociateRj.Reason r : AAssociateRj.Reason.values()) {
            assertSame(r, AAssociateRj.Reason.of(r.source(), r.code()));
        }
    }

    @Test
    void reservedRejectReasons() {
        assertNull(AAssociateRj.Reason.of(AAssociateRj.Source.SERVICE_USER, 4));
        assertNull(AAssociateRj.Reason.of(AAssociateRj.Source.SERVICE_PROVIDER_PRESENTATION, 0));
        AAssociateRj rj = new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT,
                AAssociateRj.Source.SERVICE_PROVIDER_ACSE, 3);
        assertEquals("A-ASSOCIATE-RJ rejected-permanent by DICOM UL service-provider (ACSE related function): "
                + "reserved reason 3", rj.describe());
        assertNull(AAssociateRj.Result.of(0));
        assertNull(AAssociateRj.Source.of(4));
    }

    @Test
    void abortCodesOfTable926() {
        int[] codes = {0, 1, 2, 3, 4, 5, 6};
        AbortReason[] reasons = {AbortReason.NOT_SPECIFIED, AbortReason.UNRECOGNIZED_PDU, AbortReason.UNEXPECTED_PDU,
            AbortReason.RESERVED, AbortReason.UNRECOGNIZED_PDU_PARAMETER, AbortReason.UNEXPECTED_PDU_PARAMETER,
            AbortReason.INVALID_PDU_PARAMETER_VALUE};
        for (int i = 0; i < codes.length; i++) {
            assertSame(reasons[i], AbortReason.of(codes[i]));
            assertEquals(codes[i], reasons[i].code());
        }
        assertSame(AbortReason.RESERVED, AbortReason.of(7));
        assertSame(AbortReason.RESERVED, AbortReason.of(255));
        assertSame(AbortSource.SERVICE_USER, AbortSource.of(0));
        assertSame(AbortSource.RESERVED, AbortSource.of(1));
        assertSame(AbortSource.SERVICE_PROVIDER, AbortSource.of(2));
        assertSame(AbortSource.RESERVED, AbortSource.of(3));
    }

    @Test
    void abortDescriptions() {
        assertEquals("A-ABORT by DICOM UL service-provider (initiated abort): unexpected-PDU: a valid PDU arrived in "
                        + "a state where it is not allowed; one side broke the protocol sequence",
                AAbort.byServiceProvider(AbortReason.UNEXPECTED_PDU).describe());
        assertEquals("A-ABORT by DICOM UL service-user (initiated abort): the peer application aborted the "
                + "association", new AAbort(0, 6).describe());
        String odd = new AAbort(9, 42).describe();
        assertTrue(odd.contains("source 9") && odd.contains("(reason 42)"), odd);
        assertTrue(AbortReason.INVALID_PDU_PARAMETER_VALUE.describe().startsWith("invalid-PDU-parameter value: "));
    }
}
