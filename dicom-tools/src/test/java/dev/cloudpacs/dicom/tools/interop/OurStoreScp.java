package dev.cloudpacs.dicom.tools.interop;

import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.tools.cli.UsageException;
import dev.cloudpacs.dicom.tools.net.StoreScpCommand;

import java.io.IOException;
import java.nio.file.Path;

/** Our {@code store_scp} tool started in-process, configured by its own command line options. */
final class OurStoreScp {
    private OurStoreScp() {
    }

    /** Starts {@code store_scp -b 127.0.0.1 -aet AE -p PORT -od DIR [extra...]} and returns the server. */
    static DicomServer start(String aeTitle, int port, Path dir, String... extra) throws IOException {
        String[] args = new String[8 + extra.length];
        String[] base = {"-b", DcmtkNet.HOST, "-aet", aeTitle, "-p", Integer.toString(port), "-od", dir.toString()};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        try {
            return StoreScpCommand.fromArgs(args).start();
        } catch (UsageException e) {
            throw new IllegalArgumentException("store_scp " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
    }
}
