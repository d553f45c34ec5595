package dev.cloudpacs.dicom.tools.cli;

import java.io.Console;

/** Asks the user for a secret that was not given on the command line. */
@FunctionalInterface
public interface PasswordReader {
    /**
     * Shows the prompt and reads one line without echoing it.
     *
     * @return the secret, or null when there is no one to ask (no console)
     */
    char[] read(String prompt);

    /** Reads from the console with echo off; null when the JVM has no console (input redirected). */
    static PasswordReader console() {
        return prompt -> {
            Console c = System.console();
            return c == null ? null : c.readPassword("%s", prompt);
        };
    }
}
