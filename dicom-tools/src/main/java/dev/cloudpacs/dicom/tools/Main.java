package dev.cloudpacs.dicom.tools;

import picocli.CommandLine;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Entry point of the tools jar: {@code java -jar dicom-tools.jar TOOL [ARGS...]}; the {@code bin/}
 * launchers pass the tool name.
 */
public final class Main {
    private static final Map<String, Supplier<Object>> TOOLS = new TreeMap<>();

    static {
        TOOLS.put("dcm_dump", DcmDump::new);
        TOOLS.put("dcm_info", DcmInfo::new);
        TOOLS.put("dcm_conv", DcmConv::new);
        TOOLS.put("echo_scu", dev.cloudpacs.dicom.tools.net.EchoScuCommand::new);
        TOOLS.put("store_scu", dev.cloudpacs.dicom.tools.net.StoreScuCommand::new);
        TOOLS.put("find_scu", dev.cloudpacs.dicom.tools.net.FindScuCommand::new);
        TOOLS.put("move_scu", dev.cloudpacs.dicom.tools.net.MoveScuCommand::new);
        TOOLS.put("get_scu", dev.cloudpacs.dicom.tools.net.GetScuCommand::new);
        TOOLS.put("commit_scu", dev.cloudpacs.dicom.tools.net.CommitScuCommand::new);
        TOOLS.put("store_scp", dev.cloudpacs.dicom.tools.net.StoreScpCommand::new);
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a tool and returns its exit status (used by tests without exiting the JVM). */
    public static int run(String... args) {
        if (args.length == 0 || !TOOLS.containsKey(args[0])) {
            System.err.println("usage: dicom-tools TOOL [ARGS...] where TOOL is one of " + String.join(", ", TOOLS.keySet()));
            return ExitCodes.USAGE;
        }
        CommandLine cmd = new CommandLine(TOOLS.get(args[0]).get());
        cmd.setCommandName(args[0]);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A tool never shows a stack trace: one line naming what failed.
            commandLine.getErr().println(args[0] + ": " + ToolSupport.describe(ex));
            return ExitCodes.FAILURE;
        });
        return cmd.execute(Arrays.copyOfRange(args, 1, args.length));
    }
}
