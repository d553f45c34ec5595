package dev.cloudpacs.dicom.tools;

/** Exit statuses shared by the tools. */
public final class ExitCodes {
    /** Everything worked. */
    public static final int OK = 0;
    /** Bad input: a file that cannot be read or parsed, or an operation that failed. */
    public static final int FAILURE = 1;
    /** Bad command line: unknown option, missing or malformed value (2, as getopt-style tools use). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
