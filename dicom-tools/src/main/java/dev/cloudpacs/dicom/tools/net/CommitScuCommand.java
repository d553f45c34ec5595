package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.DefaultAcceptorPolicy;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.dimse.ServiceClass;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import dev.cloudpacs.dicom.tools.ToolSupport;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code commit_scu}: Storage Commitment request (N-ACTION) and its outcome (N-EVENT-REPORT). */
public final class CommitScuCommand implements Tool {
    final List<String> refs = new ArrayList<>();
    int listenPort;
    int waitSeconds;
    final NetOptions net = new NetOptions();

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("commit_scu",
                "Ask for storage commitment of files (or CLASS_UID:INSTANCE_UID references) and",
                "print which were committed and which failed. The report is awaited on the same",
                "association, or with --listen PORT on a new association the SCP opens to us",
                "(our AE title must be known to it): the first one is then released right after",
                "the N-ACTION response (an SCP that has the result before the release may still",
                "send it there).");
        net.registerPeer(spec);
        spec.positional("FILE|DIR|CUID:IUID").list(1, Converters.STRING, refs::add);
        spec.option("--listen").label("PORT").defaultValue("-1")
                .description("receive the N-EVENT-REPORT on a new association to this port")
                .value(Converters.INT, v -> listenPort = v);
        spec.option("--wait").label("S").defaultValue("120").description("how long to wait for the report")
                .value(Converters.INT, v -> waitSeconds = v);
        net.register(spec);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        List<StorageCommitmentScu.Reference> references = references();
        StorageCommitmentScu scu = new StorageCommitmentScu();
        DicomServer listener = null;
        if (listenPort >= 0) {
            HandlerRegistry h = scu.register(VerificationScp.register(new HandlerRegistry()));
            listener = DicomServer.start(null, listenPort, null, AssociationOptions.DEFAULT, h,
                    new DefaultAcceptorPolicy(h, AssociationOptions.DEFAULT).aeTitles(Set.of(net.callingAe)), null);
            System.out.println("listening for the N-EVENT-REPORT on port " + listener.port() + " as " + net.callingAe);
        }
        String tx = UIDs.generate();
        AssociationRequest rq = new AssociationRequest(net.callingAe, net.calledAe);
        rq.addContext(StorageCommitmentScu.SOP_CLASS, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
        rq.addRole(StorageCommitmentScu.SOP_CLASS, true, false);
        try {
            Association as;
            try {
                as = ScuSupport.connect(net, rq, scu.register(new HandlerRegistry()), System.out);
            } catch (AssociationException e) {
                return ScuSupport.report("commit_scu", e);
            }
            int status = scu.request(as, tx, references);
            if (listener != null && status == Status.SUCCESS) {
                // Released at once, before anything else: the SCP reports on the same association
                // whenever it is still open when the result is ready (PS3.4 J.3.3).
                as.release();
            }
            if (status != Status.SUCCESS) {
                System.err.println("commit_scu: N-ACTION failed: " + Status.describe(ServiceClass.STORAGE_COMMITMENT, status));
                as.release();
                return ScuSupport.DIMSE_FAILURE;
            }
            System.out.println("requested commitment of " + references.size() + " instances, transaction " + tx);
            StorageCommitmentScu.Result result;
            if (listener != null) {
                result = scu.await(tx, waitSeconds * 1000L);
            } else {
                result = scu.await(tx, waitSeconds * 1000L);
                as.release();
            }
            System.out.printf("N-EVENT-REPORT (%s): event type %d, %d committed, %d failed%n", result.reportedOn(),
                    result.eventType(), result.committed().size(), result.failed().size());
            for (var r : result.committed()) {
                System.out.println("  committed " + r.sopInstanceUid());
            }
            for (var f : result.failed()) {
                System.out.printf("  failed    %s: %s%n", f.reference().sopInstanceUid(), Status.describeFailureReason(f.reason()));
            }
            return result.failed().isEmpty() ? ScuSupport.OK : ScuSupport.DIMSE_FAILURE;
        } finally {
            if (listener != null) {
                listener.shutdown(1000);
            }
        }
    }

    private List<StorageCommitmentScu.Reference> references() throws Exception {
        List<StorageCommitmentScu.Reference> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String r : refs) {
            Path p = Path.of(r);
            if (Files.exists(p)) {
                files.addAll(ToolSupport.expand(List.of(p), true));
            } else if (r.contains(":")) {
                String[] parts = r.split(":", 2);
                out.add(new StorageCommitmentScu.Reference(parts[0], parts[1]));
            } else {
                throw new IllegalArgumentException(r + ": no such file, and not a CLASS_UID:INSTANCE_UID reference");
            }
        }
        List<String> problems = new ArrayList<>();
        for (StoreScu.Item it : StoreScu.scanAll(files, problems)) {
            out.add(new StorageCommitmentScu.Reference(it.sopClassUid(), it.sopInstanceUid()));
        }
        problems.forEach(p -> System.err.println("commit_scu: skipped " + p));
        return out;
    }
}
