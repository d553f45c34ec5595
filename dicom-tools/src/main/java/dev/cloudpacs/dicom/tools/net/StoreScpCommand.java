package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.core.dict.UidRegistry;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.DefaultAcceptorPolicy;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.assoc.Tls;
import dev.cloudpacs.dicom.net.service.StorageScp;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code store_scp}: a small storage receiver for tests and debugging. */
@Command(name = "store_scp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Receive DICOM objects (every storage SOP class and transfer syntax) into Part 10 files,",
                "named <SOP Instance UID>.dcm; also answers C-ECHO. Runs until interrupted."})
public final class StoreScpCommand implements Callable<Integer> {
    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT")
    int port;

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDR", description = "listen on this address only (default: all)")
    String bind;

    @Option(names = {"-aet", "--ae-title"}, defaultValue = "STORESCP", paramLabel = "AE",
            description = "our AE title (default: ${DEFAULT-VALUE})")
    String aeTitle;

    @Option(names = "--any-ae", description = "accept any called AE title")
    boolean anyAe;

    @Option(names = {"-od", "--storage-dir"}, required = true, paramLabel = "DIR")
    Path dir;

    // Off by default, as in DCMTK storescp: this is a receiver for tests and debugging, and a C-STORE success
    // promises no durability (Storage Commitment does). The archive itself always forces to disk.
    @Option(names = "--fsync", negatable = true, description = "force each file to disk before answering, so that a crash"
            + " cannot lose an acknowledged object (about 1 ms per object on most disks; default: off, like DCMTK storescp)")
    boolean fsync;

    @Option(names = {"-v", "--verbose"}, description = "print each association and object")
    boolean verbose;

    @Option(names = "--max-associations", defaultValue = "0", description = "refuse more concurrent associations (0 = no limit)")
    int maxAssociations;

    @Option(names = "--tls", description = "DICOM TLS (needs --key-store)")
    boolean tls;

    @Option(names = "--key-store", paramLabel = "FILE")
    Path keyStore;

    @Option(names = "--key-store-pass", paramLabel = "PASS", arity = "0..1", interactive = true)
    char[] keyStorePass;

    @Option(names = "--trust-store", paramLabel = "FILE")
    Path trustStore;

    @Option(names = "--trust-store-pass", paramLabel = "PASS", arity = "0..1", interactive = true)
    char[] trustStorePass;

    @Option(names = "--require-client-cert", description = "with --tls: refuse clients without a trusted certificate")
    boolean requireClientCert;

    @Override
    public Integer call() throws Exception {
        DicomServer server = start();
        System.out.println("store_scp: " + aeTitle + " listening on port " + server.port() + (tls ? " (TLS)" : "")
                + ", storing into " + dir);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(5000);
            stop.countDown();
        }));
        stop.await();
        return 0;
    }

    /**
     * Starts the server as configured by the options and returns it without waiting (for tests and
     * embedding: parse the options with picocli, then call this; stop it with {@link DicomServer#shutdown}).
     */
    public DicomServer start() throws IOException {
        Files.createDirectories(dir);
        HandlerRegistry handlers = new HandlerRegistry();
        VerificationScp.register(handlers);
        new StorageScp(dir, verbose ? f -> System.out.println("stored " + f) : null).fsync(fsync).register(handlers);
        AssociationOptions options = AssociationOptions.DEFAULT;
        DefaultAcceptorPolicy policy = new DefaultAcceptorPolicy(handlers, options)
                .aeTitles(anyAe ? Set.of() : Set.of(aeTitle))
                .maxAssociations(maxAssociations)
                .storeAsIs(UidRegistry::isStorageSopClass);
        return DicomServer.start(bind == null ? null : InetAddress.getByName(bind), port, tls
                        ? Tls.of(keyStore, keyStorePass, trustStore, trustStorePass, requireClientCert).serverSocketFactory()
                        : null,
                options, handlers, policy, as -> {
                    if (verbose) {
                        System.out.printf("association %s -> %s from %s: %d objects, %.1f MB, %d ms, %s%n",
                                as.callingAeTitle(), as.calledAeTitle(), as.remoteAddress(), as.stats().messages(),
                                as.stats().bytesReceived() / 1e6, as.stats().durationMillis(), as.endReason());
                    }
                });
    }
}
