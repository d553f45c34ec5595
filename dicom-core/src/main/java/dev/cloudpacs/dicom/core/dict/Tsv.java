package dev.cloudpacs.dicom.core.dict;

import dev.cloudpacs.dicom.core.VR;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the generated dictionary tables bundled next to this package's classes. */
final class Tsv {
    private Tsv() {
    }

    /**
     * The rows of a bundled table, comment lines ({@code #}) skipped, each split into exactly
     * {@code columns} fields.
     */
    static List<String[]> read(String resource, int columns) {
        InputStream in = Tsv.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing dictionary resource " + resource);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException("Malformed line in " + resource + ": " + line);
                }
                rows.add(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Parses a VR column: codes separated by {@code |}, or {@code -} for none. */
    static List<VR> vrs(String field) {
        if (field.equals("-")) {
            return List.of();
        }
        List<VR> vrs = new ArrayList<>();
        for (String code : field.split("\\|")) {
            VR vr = VR.of(code);
            if (vr == null) {
                throw new IllegalStateException("Unknown VR in dictionary: " + code);
            }
            vrs.add(vr);
        }
        return vrs;
    }
}
