package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.ServiceClass;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.dicom.tools.ToolSupport;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code store_scu}: sends files and directories (recursively) with C-STORE over one association. */
public final class StoreScuCommand implements Tool {
    final List<Path> inputs = new ArrayList<>();
    final NetOptions net = new NetOptions();

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("store_scu",
                "Send DICOM files with C-STORE (directories are searched recursively).",
                "Prints a summary with counts, failures with their status, and MB/s.",
                "Exit status: 0 all stored, 9 some failed, 3-8 association problems as for",
                "echo_scu, 1 otherwise.");
        net.registerPeer(spec);
        spec.positional("FILE|DIR").list(1, Converters.PATH, inputs::add);
        net.register(spec);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        List<StoreScu.Item> items = StoreScu.scanAll(ToolSupport.expand(inputs, true), problems);
        problems.forEach(p -> System.err.println("store_scu: skipped " + p));
        if (items.isEmpty()) {
            System.err.println("store_scu: no DICOM files to send");
            return ScuSupport.FAILURE;
        }
        AssociationRequest rq = new AssociationRequest(net.callingAe, net.calledAe);
        StoreScu.proposeContexts(rq, items);
        Association as;
        try {
            as = ScuSupport.connect(net, rq, null, System.out);
        } catch (AssociationException e) {
            return ScuSupport.report("store_scu", e);
        }
        Progress progress = new Progress(items.size());
        int ok = 0;
        int warnings = 0;
        int failed = 0;
        long bytes = 0;
        long t0 = System.nanoTime();
        try {
            // The next file is read while the peer stores the current one, off the path of each exchange;
            // two buffers take turns (one being sent, one being filled).
            byte[][] buffers = new byte[2][];
            StoreScu.DataSetBytes next = readAhead(items.get(0), null);
            for (int i = 0; i < items.size(); i++) {
                StoreScu.Item item = items.get(i);
                StoreScu.DataSetBytes current = next;
                StoreScu.InFlight sent = current == null
                        ? StoreScu.start(as, item, null, 0, Command.PRIORITY_MEDIUM, null, 0)
                        : StoreScu.start(as, item, current.data(), current.length(), Command.PRIORITY_MEDIUM, null, 0);
                if (current != null) {
                    buffers[i & 1] = current.data();
                }
                next = i + 1 < items.size() ? readAhead(items.get(i + 1), buffers[(i + 1) & 1]) : null;
                StoreScu.Result r = sent.await();
                bytes += r.bytes();
                if (r.status() == Status.SUCCESS) {
                    ok++;
                } else if (r.status() >= 0 && Status.category(r.status()) == Status.Category.WARNING) {
                    warnings++;
                } else {
                    failed++;
                    progress.clear();
                    System.err.println("store_scu: " + item.path() + ": " + (r.status() < 0 ? r.errorComment()
                            : Status.describe(ServiceClass.STORAGE, r.status())
                            + (r.errorComment() == null ? "" : " - " + r.errorComment())));
                }
                if (net.verbose) {
                    System.out.printf("%s: %04X%n", item.path(), r.status() & 0xFFFF);
                }
                progress.step(ok + warnings + failed);
            }
            as.release();
        } catch (AssociationException e) {
            progress.clear();
            return ScuSupport.report("store_scu", e);
        }
        progress.clear();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d sent: %d stored, %d with warnings, %d failed; %.1f MB in %.2f s = %.1f MB/s, %.0f instances/s%n",
                items.size(), ok, warnings, failed, bytes / 1e6, secs, bytes / 1e6 / secs, items.size() / secs);
        return failed == 0 ? ScuSupport.OK : ScuSupport.DIMSE_FAILURE;
    }

    /** Data sets up to this size are read ahead into memory; larger ones stream from their file. */
    private static final int MAX_READ_AHEAD = 16 << 20;

    /** The data set of {@code item} in memory, or null to send it from its file (too large, or unreadable:
     * sending it from the file then reports the error for that file). */
    private static StoreScu.DataSetBytes readAhead(StoreScu.Item item, byte[] reuse) {
        try {
            return StoreScu.readDataSet(item, reuse, MAX_READ_AHEAD);
        } catch (IOException e) {
            return null;
        }
    }

    /** A one-line progress bar, only when stdout is a terminal. */
    private static final class Progress {
        private final int total;
        private final boolean tty = System.console() != null;
        private int shown = -1;

        Progress(int total) {
            this.total = total;
        }

        void step(int done) {
            if (!tty) {
                return;
            }
            int pct = done * 100 / total;
            if (pct != shown) {
                shown = pct;
                int bar = pct / 4;
                System.out.print("\r[" + "#".repeat(bar) + " ".repeat(25 - bar) + "] " + done + "/" + total);
                System.out.flush();
            }
        }

        void clear() {
            if (tty && shown >= 0) {
                System.out.print("\r" + " ".repeat(60) + "\r");
                shown = -1;
            }
        }
    }
}
