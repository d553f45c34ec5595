package dev.cloudpacs.dicom.net.pdu;

import dev.cloudpacs.dicom.net.pdu.UserInformation.AsyncOperationsWindow;
import dev.cloudpacs.dicom.net.pdu.UserInformation.CommonExtendedNegotiation;
import dev.cloudpacs.dicom.net.pdu.UserInformation.ExtendedNegotiation;
import dev.cloudpacs.dicom.net.pdu.UserInformation.RoleSelection;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityAc;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityRq;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Golden bytes for the User Information item (PS3.8 Table 9-16) and each sub-item (PS3.8
 * Annex D, PS3.7 Annex D.3.3), written by hand. Offsets in comments are 0-based from the item.
 * Each item is checked in both directions: encoding a PDU ends with exactly these bytes, and a
 * PDU made of a fixed prefix plus these bytes decodes to the same user information.
 */
class PduGoldenUserInformationTest {

    /** The golden A-ASSOCIATE-RQ up to its user information item (offset 149). */
    private static final int RQ_PREFIX = 149;
    /** An A-ASSOCIATE-AC with one accepted context: the user information item starts at 128. */
    private static final int AC_PREFIX = 128;

    private static final String MAX_16384 = "51 00 0004 00004000   # 4 Maximum Length sub-item, 16384\n";

    private static AAssociateRq rq(UserInformation ui) {
        return new AAssociateRq(1, "ANY-SCP", "ECHOSCU", "1.2.840.10008.3.1.1.1",
                List.of(PresentationContextRq.of(1, "1.2.840.10008.1.1", "1.2.840.10008.1.2")), ui);
    }

    private static AAssociateAc ac(UserInformation ui) {
        return AAssociateAc.answering(rq(UserInformation.EMPTY),
                List.of(PresentationContextAc.accept(1, "1.2.840.10008.1.2")), ui);
    }

    private static void assertGolden(UserInformation ui, boolean inAc, String hex) throws PduException {
        byte[] item = Hex.parse(hex);
        byte[] pdu = PduCodec.encode(inAc ? ac(ui) : rq(ui));
        int prefix = inAc ? AC_PREFIX : RQ_PREFIX;
        byte[] actual = Arrays.copyOfRange(pdu, prefix, pdu.length);
        assertArrayEquals(item, actual, () -> Hex.dump(actual));

        byte[] built = Arrays.copyOf(pdu, prefix + item.length);
        System.arraycopy(item, 0, built, prefix, item.length);
        PduCodec.putU32(built, 2, built.length - 6L);
        Pdu decoded = PduCodec.decode(built);
        assertEquals(ui, inAc ? ((AAssociateAc) decoded).userInformation()
                : ((AAssociateRq) decoded).userInformation());
    }

    @Test
    void maximumLengthIsUnsigned32() throws Exception {
        assertGolden(UserInformation.EMPTY.withMaxPduLength(0xFFFF_FFFFL), false, """
                50 00 0008     # 0 User Information item 50H, reserved, length 8
                51 00 0004     # 4 Maximum Length sub-item 51H (PS3.8 Table D.1-1), length 4
                FFFFFFFF       # 8-11 maximum-length-received, unsigned
                """);
    }

    @Test
    void maximumLengthIsAlwaysWritten() throws Exception {
        assertGolden(UserInformation.EMPTY, false, "50 00 0008 51 00 0004 00000000");
    }

    @Test
    void asyncOperationsWindow() throws Exception {
        assertGolden(UserInformation.EMPTY.withMaxPduLength(16384).withAsyncOperationsWindow(
                new AsyncOperationsWindow(5, 3)), false, "50 00 0010 # length 16\n" + MAX_16384 + """
                53 00 0004     # 12 Asynchronous Operations Window sub-item 53H (Table D.3-7)
                0005           # 16-17 maximum number of operations invoked
                0003           # 18-19 maximum number of operations performed
                """);
    }

    @Test
    void roleSelection() throws Exception {
        assertGolden(UserInformation.EMPTY.withMaxPduLength(16384).withRoleSelection(
                new RoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true)), false,
                "50 00 0029 # length 41\n" + MAX_16384 + """
                54 00 001D     # 12 SCP/SCU Role Selection sub-item 54H (Table D.3-9), length 29
                0019           # 16-17 UID length 25
                '1.2.840.10008.5.1.4.1.1.2'   # 18-42 SOP class UID (CT Image Storage)
                00             # 43 SCU role: non-support
                01             # 44 SCP role: support
                """);
    }

    @Test
    void extendedNegotiation() throws Exception {
        assertGolden(UserInformation.EMPTY.withMaxPduLength(16384).withExtendedNegotiation(
                new ExtendedNegotiation("1.2.840.10008.5.1.4.1.2.2.1", new byte[] {1, 0, 1})), false,
                "50 00 002C # length 44\n" + MAX_16384 + """
                56 00 0020     # 12 SOP Class Extended Negotiation sub-item 56H (Table D.3-11), length 32
                001B           # 16-17 SOP class UID length 27
                '1.2.840.10008.5.1.4.1.2.2.1' # 18-44 Study Root Q/R FIND
                010001         # 45-47 service-class-application-information
                """);
    }

    @Test
    void commonExtendedNegotiation() throws Exception {
        assertGolden(UserInformation.EMPTY.withMaxPduLength(16384).withCommonExtendedNegotiation(
                new CommonExtendedNegotiation("1.2.840.10008.5.1.4.1.1.88.40", "1.2.840.10008.4.2",
                        List.of("1.2.840.10008.5.1.4.1.1.88.22"))), false,
                "50 00 005F # length 95\n" + MAX_16384 + """
                57 00 0053     # 12 SOP Class Common Extended Negotiation 57H (Table D.3-12), version 0, length 83
                001D           # 16-17 SOP class UID length 29
                '1.2.840.10008.5.1.4.1.1.88.40'  # 18-46 Procedure Log Storage
                0011           # 47-48 service class UID length 17
                '1.2.840.10008.4.2'              # 49-65 Storage Service Class
                001F           # 66-67 related general SOP class identification length 31
                001D           # 68-69 related general SOP class UID length 29 (Table D.3-13)
                '1.2.840.10008.5.1.4.1.1.88.22'  # 70-98 Enhanced SR Storage
                """);
    }

    @Test
    void userIdentityRq() throws Exception {
        UserIdentityRq id = UserIdentityRq.usernameAndPasscode("alice", "secret", true);
        assertGolden(UserInformation.EMPTY.withMaxPduLength(16384).withUserIdentityRq(id), false,
                "50 00 001D # length 29\n" + MAX_16384 + """
                58 00 0011     # 12 User Identity sub-item (RQ) 58H (Table D.3-14), length 17
                02             # 16 user identity type 2: username and passcode
                01             # 17 positive response requested
                0005 'alice'   # 18-19 primary field length, 20-24 username
                0006 'secret'  # 25-26 secondary field length, 27-32 passcode
                """);
        assertFalse(id.toString().contains("secret"), "credentials stay out of toString");
    }

    @Test
    void userIdentityRqWithoutSecondaryField() throws Exception {
        assertGolden(UserInformation.EMPTY.withMaxPduLength(16384).withUserIdentityRq(
                UserIdentityRq.username("bob", false)), false, "50 00 0015 # length 21\n" + MAX_16384 + """
                58 00 0009     # 12 User Identity sub-item (RQ), length 9
                01 00          # 16 type 1 username, 17 no response requested
                0003 'bob'     # 18-22 primary field
                0000           # 23-24 secondary field length 0
                """);
    }

    @Test
    void userIdentityAcAndRoleSelectionInAcceptance() throws Exception {
        assertGolden(UserInformation.EMPTY.withMaxPduLength(16384)
                .withRoleSelection(new RoleSelection("1.2.3", true, false))
                .withUserIdentityAc(new UserIdentityAc("JWT".getBytes(StandardCharsets.US_ASCII))), true,
                "50 00 001E # length 30\n" + MAX_16384 + """
                54 00 0009 0005 '1.2.3' 01 00   # 12 Role Selection: SCU accepted, SCP rejected
                59 00 0005     # 25 User Identity sub-item (AC) 59H (Table D.3-15), length 5
                0003 'JWT'     # 29-30 server response length, 31-33 server response
                """);
    }

    @Test
    void everySubItemOfARequestInTypeOrder() throws Exception {
        UserInformation ui = UserInformation.EMPTY.withMaxPduLength(16384)
                .withUserIdentityRq(UserIdentityRq.username("u", false))
                .withCommonExtendedNegotiation(new CommonExtendedNegotiation("1.2", "1.3", List.of()))
                .withExtendedNegotiation(new ExtendedNegotiation("1.4", new byte[0]))
                .withImplementationVersionName("V")
                .withRoleSelection(new RoleSelection("1.5", true, true))
                .withAsyncOperationsWindow(new AsyncOperationsWindow(0, 0))
                .withImplementationClassUid("1.6");
        assertGolden(ui, false, "50 00 004B # length 75\n" + MAX_16384 + """
                52 00 0003 '1.6'                 # 12 Implementation Class UID
                53 00 0004 0000 0000             # 19 Asynchronous Operations Window: unlimited
                54 00 0007 0003 '1.5' 01 01      # 27 Role Selection
                55 00 0001 'V'                   # 38 Implementation Version Name
                56 00 0005 0003 '1.4'            # 43 Extended Negotiation, no information
                57 00 000C 0003 '1.2' 0003 '1.3' 0000   # 52 Common Extended Negotiation, nothing related
                58 00 0007 01 00 0001 'u' 0000   # 68 User Identity (RQ)
                """);
    }

    @Test
    void unknownSubItemsAreSkippedAndRelatedIdentificationMayBeFollowedByReservedBytes() throws Exception {
        byte[] item = Hex.parse(MAX_16384.replace("51 00", "50 00 0025 51 00") + """
                A0 00 0002 FFFF                  # unknown sub-item A0H: skipped (PS3.8 Annex D)
                57 00 0013 0003 '1.2' 0003 '1.3'  # 57H, length 19
                0005 0003 '1.7'                  # related list of one UID
                00 00                            # trailing bytes after the list: ignored
                """);
        byte[] prefix = Arrays.copyOf(PduCodec.encode(rq(UserInformation.EMPTY)), RQ_PREFIX);
        byte[] pdu = Arrays.copyOf(prefix, RQ_PREFIX + item.length);
        System.arraycopy(item, 0, pdu, RQ_PREFIX, item.length);
        PduCodec.putU32(pdu, 2, pdu.length - 6L);
        AAssociateRq decoded = (AAssociateRq) PduCodec.decode(pdu);
        assertEquals(UserInformation.EMPTY.withMaxPduLength(16384).withCommonExtendedNegotiation(
                new CommonExtendedNegotiation("1.2", "1.3", List.of("1.7"))), decoded.userInformation());
    }
}
