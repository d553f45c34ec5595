package dev.cloudpacs.dicom.tools.cli;

/**
 * A bad command line: unknown option, missing or malformed value, missing required option or
 * parameter, too many parameters. The message is one line naming the problem, meant for the user.
 */
public final class UsageException extends Exception {
    /** @param message what is wrong with the command line, in one line */
    public UsageException(String message) {
        super(message);
    }
}
