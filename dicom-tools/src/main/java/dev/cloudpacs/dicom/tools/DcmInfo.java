package dev.cloudpacs.dicom.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.dict.UidRegistry;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.FileErrors;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code dcm_info}: one summary per file (syntax, SOP class, identifiers, dimensions), over directories. */
final class DcmInfo implements Tool {
    final List<Path> inputs = new ArrayList<>();
    boolean recursive;
    boolean json;

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("dcm_info",
                "Summarise DICOM files: transfer syntax, SOP class, patient/study/series/instance",
                "identifiers, image dimensions and size. Directories are read in one process;",
                "a final line counts the files and the unreadable ones.",
                "Exit status: 0 when every file was readable, 1 otherwise.");
        spec.positional("FILE|DIR").list(1, Converters.PATH, inputs::add);
        spec.option("-r", "--recursive").description("descend into subdirectories").flag(v -> recursive = v);
        spec.option("--json").description("print a JSON array with one object per file").flag(v -> json = v);
        return spec;
    }

    /** What we report of one file. */
    record Info(Path path, long size, String transferSyntax, String transferSyntaxName, String sopClassUid,
                String sopClassName, String patientId, String patientName, String studyUid, String seriesUid,
                String instanceUid, String modality, int rows, int columns, int frames, int bitsAllocated,
                String error) {
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = new PrintStream(System.out, false,
                StandardCharsets.UTF_8);
        List<Path> files = ToolSupport.expand(inputs, recursive);
        int bad = 0;
        long bytes = 0;
        JsonGenerator gen = null;
        if (json) {
            gen = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
            gen.writeStartArray();
        }
        for (Path f : files) {
            Info info = inspect(f);
            bytes += info.size();
            if (info.error() != null) {
                bad++;
            }
            if (gen != null) {
                writeJson(gen, info);
            } else {
                printText(out, info);
            }
        }
        if (gen != null) {
            gen.writeEndArray();
            gen.close();
            out.println();
        } else if (files.size() > 1 || bad > 0) {
            out.printf("%d %s, %d DICOM, %d unreadable, %.1f MB%n", files.size(), files.size() == 1 ? "file" : "files",
                    files.size() - bad, bad, bytes / 1e6);
        }
        out.flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static Info inspect(Path f) {
        long size = -1;
        try {
            size = Files.size(f);
            // Header only: everything before the pixel data; nothing large is loaded.
            DicomFile df = DicomReader.read(f, ReadOptions.DEFAULT.withStopBeforeTag(Tag.PixelData));
            DataSet ds = df.dataSet();
            String ts = df.transferSyntax().uid();
            String cls = df.sopClassUid();
            return new Info(f, size, ts, df.transferSyntax().name(), cls, cls == null ? null : UidRegistry.nameOf(cls),
                    ds.getString(Tag.PatientID), ds.getString(Tag.PatientName), ds.getString(Tag.StudyInstanceUID),
                    ds.getString(Tag.SeriesInstanceUID), df.sopInstanceUid(), ds.getString(Tag.Modality),
                    ds.getInt(Tag.Rows, 0), ds.getInt(Tag.Columns, 0), frames(ds), ds.getInt(Tag.BitsAllocated, 0),
                    null);
        } catch (Exception e) {
            return new Info(f, Math.max(size, 0), null, null, null, null, null, null, null, null, null, null, 0, 0, 0, 0,
                    FileErrors.reason(f, e));
        }
    }

    private static int frames(DataSet ds) {
        try {
            return ds.getInt(Tag.NumberOfFrames, ds.contains(Tag.Rows) ? 1 : 0);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void printText(PrintStream out, Info i) {
        if (i.error() != null) {
            out.printf("%s: unreadable: %s%n", i.path(), i.error());
            return;
        }
        out.printf("%s%n", i.path());
        out.printf("  SOP class        %s (%s)%n", nz(i.sopClassName()), nz(i.sopClassUid()));
        out.printf("  transfer syntax  %s (%s)%n", i.transferSyntaxName(), i.transferSyntax());
        out.printf("  patient          %s  %s%n", nz(i.patientId()), nz(i.patientName()));
        out.printf("  study            %s%n", nz(i.studyUid()));
        out.printf("  series           %s  %s%n", nz(i.seriesUid()), nz(i.modality()));
        out.printf("  instance         %s%n", nz(i.instanceUid()));
        if (i.rows() > 0) {
            out.printf("  image            %dx%d, %d frame%s, %d bits allocated%n", i.columns(), i.rows(), i.frames(),
                    i.frames() == 1 ? "" : "s", i.bitsAllocated());
        }
        out.printf("  size             %d bytes%n", i.size());
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    private static void writeJson(JsonGenerator g, Info i) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", i.path().toString());
        g.writeNumberField("size", i.size());
        if (i.error() != null) {
            g.writeStringField("error", i.error());
        } else {
            g.writeStringField("transferSyntaxUID", i.transferSyntax());
            g.writeStringField("transferSyntax", i.transferSyntaxName());
            g.writeStringField("sopClassUID", i.sopClassUid());
            g.writeStringField("sopClass", i.sopClassName());
            g.writeStringField("patientID", i.patientId());
            g.writeStringField("patientName", i.patientName());
            g.writeStringField("studyInstanceUID", i.studyUid());
            g.writeStringField("seriesInstanceUID", i.seriesUid());
            g.writeStringField("sopInstanceUID", i.instanceUid());
            g.writeStringField("modality", i.modality());
            if (i.rows() > 0) {
                g.writeNumberField("rows", i.rows());
                g.writeNumberField("columns", i.columns());
                g.writeNumberField("frames", i.frames());
                g.writeNumberField("bitsAllocated", i.bitsAllocated());
            }
        }
        g.writeEndObject();
    }
}
