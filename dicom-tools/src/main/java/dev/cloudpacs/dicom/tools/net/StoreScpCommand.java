package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.core.dict.UidRegistry;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.DefaultAcceptorPolicy;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.assoc.Tls;
import dev.cloudpacs.dicom.net.service.StorageScp;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Parser;
import dev.cloudpacs.dicom.tools.cli.Tool;
import dev.cloudpacs.dicom.tools.cli.UsageException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code store_scp}: a small storage receiver for tests and debugging. */
public final class StoreScpCommand implements Tool {
    int port;
    String bind;
    String aeTitle;
    boolean anyAe;
    Path dir;
    boolean fsync;
    boolean verbose;
    int maxAssociations;
    boolean tls;
    Path keyStore;
    char[] keyStorePass;
    Path trustStore;
    char[] trustStorePass;
    boolean requireClientCert;

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("store_scp",
                "Receive DICOM objects (every storage SOP class and transfer syntax) into",
                "Part 10 files, named <SOP Instance UID>.dcm; also answers C-ECHO.",
                "Runs until interrupted.");
        spec.option("-p", "--port").required().label("PORT").value(Converters.INT, v -> port = v);
        spec.option("-b", "--bind").label("ADDR").description("listen on this address only (default: all)")
                .value(Converters.STRING, v -> bind = v);
        spec.option("-aet", "--ae-title").label("AE").defaultValue("STORESCP")
                .description("our AE title (default: ${DEFAULT-VALUE})").value(Converters.STRING, v -> aeTitle = v);
        spec.option("--any-ae").description("accept any called AE title").flag(v -> anyAe = v);
        spec.option("-od", "--storage-dir").required().label("DIR").value(Converters.PATH, v -> dir = v);
        // Off by default, as in DCMTK storescp: this is a receiver for tests and debugging, and a C-STORE success
        // promises no durability (Storage Commitment does). The archive itself always forces to disk.
        spec.option("--fsync").negatable().description("force each file to disk before answering, so that a crash"
                + " cannot lose an acknowledged object (about 1 ms per object on most disks; default: off, like DCMTK"
                + " storescp)").flag(v -> fsync = v);
        spec.option("-v", "--verbose").description("print each association and object").flag(v -> verbose = v);
        spec.option("--max-associations").label("N").defaultValue("0")
                .description("refuse more concurrent associations (0 = no limit)")
                .value(Converters.INT, v -> maxAssociations = v);
        spec.option("--tls").description("DICOM TLS (needs --key-store)").flag(v -> tls = v);
        spec.option("--key-store").label("FILE").value(Converters.PATH, v -> keyStore = v);
        spec.option("--key-store-pass").label("PASS").password(v -> keyStorePass = v);
        spec.option("--trust-store").label("FILE").value(Converters.PATH, v -> trustStore = v);
        spec.option("--trust-store-pass").label("PASS").password(v -> trustStorePass = v);
        spec.option("--require-client-cert").description("with --tls: refuse clients without a trusted certificate")
                .flag(v -> requireClientCert = v);
        return spec;
    }

    /**
     * A store_scp configured by a command line, as {@code store_scp ARGS} would be, ready for {@link #start}
     * (for tests and embedding).
     *
     * @throws UsageException when the command line is bad, or asks for help or the version
     */
    public static StoreScpCommand fromArgs(String... args) throws UsageException {
        StoreScpCommand cmd = new StoreScpCommand();
        if (Parser.parse(cmd.commandSpec(), args) != Parser.Outcome.RUN) {
            throw new UsageException("--help and --version do not start a server");
        }
        return cmd;
    }

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
     * embedding: configure it with {@link #fromArgs}, then call this; stop it with {@link DicomServer#shutdown}).
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
