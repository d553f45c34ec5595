package dev.cloudpacs.dicom.core.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.UID;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class UidRegistryTest {
    private static final Path DCUID_H = Path.of("/usr/include/dcmtk/dcmdata/dcuid.h");

    @Test
    void storageSopClass() {
        assertEquals("1.2.840.10008.5.1.4.1.1.2", UID.CTImageStorage);
        UidEntry ct = UidRegistry.lookup(UID.CTImageStorage);
        assertEquals("CTImageStorage", ct.keyword());
        assertEquals("CT Image Storage", ct.name());
        assertEquals(UidEntry.Type.SOP_CLASS, ct.type());
        assertEquals("CT Image Storage", UidRegistry.nameOf(UID.CTImageStorage));
        assertEquals("CTImageStorage", UidRegistry.keywordOf("1.2.840.10008.5.1.4.1.1.2"));
        assertTrue(UidRegistry.isStorageSopClass(UID.CTImageStorage));
        assertFalse(UidRegistry.isTransferSyntax(UID.CTImageStorage));
    }

    @Test
    void transferSyntaxes() {
        for (String ts : new String[] {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99",
                "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.5"}) {
            assertTrue(UidRegistry.isTransferSyntax(ts), ts);
            assertFalse(UidRegistry.isStorageSopClass(ts), ts);
        }
        assertEquals("1.2.840.10008.1.2", UID.LittleEndianImplicitTransferSyntax);
        assertEquals("Little Endian Explicit Transfer Syntax", UidRegistry.nameOf(UID.LittleEndianExplicitTransferSyntax));
        assertEquals("1.2.840.10008.1.2.2", UID.BigEndianExplicitTransferSyntax);
        assertFalse(UidRegistry.isTransferSyntax("1.2.840.113619.5.2")); // GE private, not in the registry
    }

    @Test
    void storageSopClassesBeyondTheStorageArc() {
        assertTrue(UidRegistry.isStorageSopClass(UID.DigitalXRayImageStorageForPresentation));
        assertTrue(UidRegistry.isStorageSopClass(UID.HangingProtocolStorage));
        assertTrue(UidRegistry.isStorageSopClass(UID.MediaStorageDirectoryStorage));
        assertFalse(UidRegistry.isStorageSopClass(UID.FINDProtocolApprovalInformationModel));
        assertFalse(UidRegistry.isStorageSopClass(UID.VerificationSOPClass));
        assertFalse(UidRegistry.isStorageSopClass(UID.StorageCommitmentPushModelSOPClass));
        assertTrue(UidRegistry.isStorageSopClass("1.2.840.10008.5.1.4.1.1.999")); // newer than the registry
        assertFalse(UidRegistry.isStorageSopClass("1.2.3.4"));
        assertFalse(UidRegistry.isStorageSopClass(null));
    }

    @Test
    void otherTypes() {
        assertEquals(UidEntry.Type.APPLICATION_CONTEXT_NAME, UidRegistry.lookup("1.2.840.10008.3.1.1.1").type());
        assertEquals(UidEntry.Type.META_SOP_CLASS, UidRegistry.lookup(UID.BasicGrayscalePrintManagementMetaSOPClass).type());
        assertEquals(UidEntry.Type.WELL_KNOWN_SOP_INSTANCE, UidRegistry.lookup(UID.PrinterSOPInstance).type());
        assertEquals(UidEntry.Type.SERVICE_CLASS, UidRegistry.lookup(UID.StorageServiceClass).type());
        assertEquals(UidEntry.Type.LDAP_OID, UidRegistry.lookup(UID.LDAP_dicomDevice).type());
        assertEquals("dicomDevice", UidRegistry.nameOf(UID.LDAP_dicomDevice));
        assertEquals(UidEntry.Type.WELL_KNOWN_FRAME_OF_REFERENCE,
                UidRegistry.lookup(UID.TalairachBrainAtlasFrameOfReference).type());
    }

    @Test
    void unknownUids() {
        assertNull(UidRegistry.lookup("1.2.3.4"));
        assertNull(UidRegistry.keywordOf("1.2.3.4"));
        assertEquals("1.2.3.4", UidRegistry.nameOf("1.2.3.4"));
        assertNull(UidRegistry.lookup(null));
    }

    /** The generated UID constants and the registry describe the same UIDs. */
    @Test
    void constantsMatchRegistry() throws IllegalAccessException {
        Field[] constants = Arrays.stream(UID.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()))
                .toArray(Field[]::new);
        assertEquals(UidRegistry.entries().size(), constants.length);
        Set<String> uids = new HashSet<>();
        for (Field f : constants) {
            String uid = (String) f.get(null);
            assertTrue(uids.add(uid), uid);
            assertTrue(uid.startsWith("1.2.840.10008."), uid);
            assertEquals(f.getName(), UidRegistry.keywordOf(uid));
        }
    }

    /** Every dcuid.h define with a literal standard UID value became a registry entry. */
    @Test
    void coversDcuidH() throws IOException {
        Assumptions.assumeTrue(Files.exists(DCUID_H),
                DCUID_H + " not found (Debian package libdcmtk-dev); skipping the cross-check");
        long standard = Files.readAllLines(DCUID_H, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.matches("#define\\s+UID_\\w+\\s+\"1\\.2\\.840\\.10008(\\.\\d+)+\".*"))
                .count();
        assertEquals(standard, UidRegistry.entries().size());
    }
}
