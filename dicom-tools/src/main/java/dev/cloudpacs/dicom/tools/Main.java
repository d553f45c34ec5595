package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.HelpFormatter;
import dev.cloudpacs.dicom.tools.cli.Parser;
import dev.cloudpacs.dicom.tools.cli.Tool;
import dev.cloudpacs.dicom.tools.cli.UsageException;
import dev.cloudpacs.dicom.tools.net.CommitScuCommand;
import dev.cloudpacs.dicom.tools.net.EchoScuCommand;
import dev.cloudpacs.dicom.tools.net.FindScuCommand;
import dev.cloudpacs.dicom.tools.net.GetScuCommand;
import dev.cloudpacs.dicom.tools.net.MoveScuCommand;
import dev.cloudpacs.dicom.tools.net.StoreScpCommand;
import dev.cloudpacs.dicom.tools.net.StoreScuCommand;

import java.util.Arrays;

/**
 * Entry point of the tools jar: {@code java -jar dicom-tools.jar TOOL [ARGS...]}; the {@code bin/}
 * launchers pass the tool name.
 */
public final class Main {
    /** The tool names, sorted, for the usage message. */
    private static final String TOOLS = "commit_scu, dcm_conv, dcm_dump, dcm_info, echo_scu, find_scu, get_scu, "
            + "move_scu, store_scp, store_scu";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a tool and returns its exit status (used by tests without exiting the JVM). */
    public static int run(String... args) {
        Tool tool = args.length == 0 ? null : tool(args[0]);
        if (tool == null) {
            System.err.println("usage: dicom-tools TOOL [ARGS...] where TOOL is one of " + TOOLS);
            return ExitCodes.USAGE;
        }
        String name = args[0];
        CommandSpec spec = tool.commandSpec();
        try {
            switch (Parser.parse(spec, Arrays.copyOfRange(args, 1, args.length))) {
                case HELP -> {
                    System.out.print(HelpFormatter.format(spec));
                    System.out.flush();
                    return ExitCodes.OK;
                }
                case VERSION -> {
                    if (spec.version().isEmpty()) {
                        System.out.println(name + " (CloudPACS dicom-tools) " + version());
                    }
                    for (String line : spec.version()) {
                        System.out.println(line);
                    }
                    return ExitCodes.OK;
                }
                case RUN -> {
                }
            }
        } catch (UsageException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("Try '" + name + " --help' for more information.");
            return ExitCodes.USAGE;
        }
        try {
            Integer status = tool.call();
            return status == null ? ExitCodes.OK : status;
        } catch (Exception ex) {
            // A tool never shows a stack trace: one line naming what failed.
            System.err.println(name + ": " + ToolSupport.describe(ex));
            return ExitCodes.FAILURE;
        }
    }

    /** The tools jar's version from its manifest ("unknown" when run from classes, as in tests). */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** A new instance of the named tool, or null; a switch rather than a map of factories, as it is cheaper to start. */
    private static Tool tool(String name) {
        return switch (name) {
            case "dcm_dump" -> new DcmDump();
            case "dcm_info" -> new DcmInfo();
            case "dcm_conv" -> new DcmConv();
            case "echo_scu" -> new EchoScuCommand();
            case "store_scu" -> new StoreScuCommand();
            case "find_scu" -> new FindScuCommand();
            case "move_scu" -> new MoveScuCommand();
            case "get_scu" -> new GetScuCommand();
            case "commit_scu" -> new CommitScuCommand();
            case "store_scp" -> new StoreScpCommand();
            default -> null;
        };
    }
}
