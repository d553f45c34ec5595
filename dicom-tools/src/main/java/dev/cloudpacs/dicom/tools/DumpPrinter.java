package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.data.DataSet;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** Prints a data set in dcm_dump's layout (for tools that show query results). */
public final class DumpPrinter {
    private DumpPrinter() {
    }

    public static void print(DataSet ds, PrintStream out) {
        try {
            new DumpFormat(out, false, true).print(ds, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
