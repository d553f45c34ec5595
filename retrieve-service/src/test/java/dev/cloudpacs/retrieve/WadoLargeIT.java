package dev.cloudpacs.retrieve;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.service.StoreScu;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams a study larger than retrieve-service's heap (it runs with -Xmx512m): as stored and
 * transcoded to Implicit VR LE, each fetched with curl into /dev/null, then once more by a client
 * reading at 100 MB/s; prints MB/s and the service's peak resident memory. Off by default (it writes
 * {@code N x 100 MB}); {@code -Dwado.large=21} streams a 2.2 GB study.
 */
class WadoLargeIT {
    @Test
    void studyLargerThanTheHeapStreams() throws Exception {
        int count = Integer.getInteger("wado.large", 0);
        Assumptions.assumeTrue(count > 0, "WadoLargeIT: off; -Dwado.large=N streams N x 100 MB instances");
        ArchiveUnderTest archive = ArchiveUnderTest.get();
        Path dir = Files.createTempDirectory("wado-large-");
        String study = UIDs.generate();
        String series = UIDs.generate();
        List<Path> files = new ArrayList<>();
        int rows = 512;
        int columns = 512;
        int frames = 200;
        byte[] pixels = new byte[rows * columns * 2 * frames];
        for (int i = 0; i < pixels.length; i += 2) {
            pixels[i] = (byte) (i >>> 5);
        }
        for (int n = 0; n < count; n++) {
            DataSet ds = new DataSet();
            ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
            ds.setString(Tag.SOPInstanceUID, VR.UI, UIDs.generate());
            ds.setString(Tag.PatientID, VR.LO, "LARGE");
            ds.setString(Tag.StudyInstanceUID, VR.UI, study);
            ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
            ds.setInt(Tag.InstanceNumber, VR.IS, n + 1);
            ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
            ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            ds.setInt(Tag.NumberOfFrames, VR.IS, frames);
            ds.setInt(Tag.Rows, VR.US, rows);
            ds.setInt(Tag.Columns, VR.US, columns);
            ds.setInt(Tag.BitsAllocated, VR.US, 16);
            ds.setInt(Tag.BitsStored, VR.US, 16);
            ds.setInt(Tag.HighBit, VR.US, 15);
            ds.setInt(Tag.PixelRepresentation, VR.US, 0);
            ds.setValue(Tag.PixelData, VR.OW, pixels);
            Path f = dir.resolve(n + ".dcm");
            DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
            files.add(f);
        }
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
        AssociationRequest rq = new AssociationRequest("MODALITY", ArchiveUnderTest.AE_TITLE);
        StoreScu.proposeContexts(rq, items);
        Association as = Connector.connect("127.0.0.1", archive.dimsePort, rq, AssociationOptions.DEFAULT, null, null);
        try {
            for (StoreScu.Item item : items) {
                assertEquals(0, StoreScu.send(as, item, 0, null, 0).status());
            }
        } finally {
            as.release();
        }
        for (Path f : files) {
            Files.delete(f);
        }
        String url = archive.retrieveUrl() + "/dicomweb/studies/" + study;
        long pid = archive.retrieveService().pid();
        System.out.printf("WadoLargeIT: service RSS before retrieving %s (peak so far %s)%n", status(pid, "VmRSS:"),
                status(pid, "VmHWM:"));
        String asStored = "multipart/related; type=\"application/dicom\"";
        String implicit = asStored + "; transfer-syntax=1.2.840.10008.1.2";
        // A slow client last: without backpressure the service would queue the whole study in memory.
        for (String[] run : new String[][] {{asStored, "0"}, {implicit, "0"}, {asStored, "100M"}}) {
            String accept = run[0];
            Process p = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-H", "Accept: " + accept,
                    "--limit-rate", run[1], "-w", "%{http_code} %{size_download} %{time_total}", url)
                    .redirectErrorStream(true).start();
            String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
            assertTrue(p.waitFor(10, TimeUnit.MINUTES));
            assertEquals("200", out[0], String.join(" ", out));
            long bytes = Long.parseLong(out[1]);
            double seconds = Double.parseDouble(out[2]);
            assertTrue(bytes > total, bytes + " bytes for " + total + " stored");
            System.out.printf("WadoLargeIT: %s (client rate limit %s) -> %d instances, %.0f MB in %.2f s"
                    + " = %.0f MB/s; service peak RSS %s%n",
                    accept, run[1], count, bytes / 1e6, seconds, bytes / 1e6 / seconds, status(pid, "VmHWM:"));
        }

        // A client that goes away mid-study: the writer must notice, log it and stop, not wait forever.
        Path log = Path.of("target/retrieve-service-1-under-test.log");
        long before = countLines(log, "failed mid-response");
        Process p = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "--limit-rate", "20M", "--max-time", "2", url)
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(28, p.exitValue(), "curl stops at its time limit");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (countLines(log, "failed mid-response") == before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(countLines(log, "failed mid-response") > before, "the writer saw the client leave");
        System.out.printf("WadoLargeIT: a client leaving mid-study stops its writer; service peak RSS %s%n",
                status(pid, "VmHWM:"));
    }

    private static long countLines(Path log, String text) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    /** A memory figure of the process from /proc (VmRSS now, VmHWM peak). */
    private static String status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return line.substring(field.length()).trim();
            }
        }
        return "?";
    }
}
