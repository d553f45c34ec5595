package dev.cloudpacs.dicom.tools.cli;

import java.util.concurrent.Callable;

/**
 * A command-line tool: declares its command line, whose setters configure it, then runs and returns
 * its exit status.
 */
public interface Tool extends Callable<Integer> {
    /**
     * A new spec of this tool's command line; parsing it with {@link Parser} sets this tool's fields.
     */
    CommandSpec commandSpec();
}
