package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.dimse.ServiceClass;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.EchoScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.util.List;

/** {@code echo_scu}: C-ECHO with failures explained in words. */
public final class EchoScuCommand implements Tool {
    int repeat;
    final NetOptions net = new NetOptions();

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("echo_scu", "Verify DICOM connectivity with C-ECHO.",
                "Exit status: 0 success, 3 connection refused, 4 timeout, 5 association rejected,",
                "6 no presentation context accepted, 7 connection closed during negotiation",
                "(TLS mismatch?), 8 aborted, 9 C-ECHO answered with a failure status,",
                "1 anything else.");
        net.registerPeer(spec);
        spec.option("--repeat").label("N").defaultValue("1").description("send N C-ECHO requests")
                .value(Converters.INT, v -> repeat = v);
        net.register(spec);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        AssociationRequest rq = new AssociationRequest(net.callingAe, net.calledAe);
        rq.addContext(VerificationScp.VERIFICATION, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
        Association as;
        try {
            as = ScuSupport.connect(net, rq, null, System.out);
        } catch (AssociationException e) {
            return ScuSupport.report("echo_scu", e);
        }
        try {
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                int status = EchoScu.echo(as);
                if (status != Status.SUCCESS) {
                    System.err.println("echo_scu: C-ECHO failed: " + Status.describe(ServiceClass.VERIFICATION, status));
                    as.release();
                    return ScuSupport.DIMSE_FAILURE;
                }
                if (net.verbose || repeat > 1) {
                    System.out.printf("C-ECHO response: Success (%.1f ms)%n", (System.nanoTime() - t0) / 1e6);
                }
            }
            as.release();
        } catch (AssociationException e) {
            return ScuSupport.report("echo_scu", e);
        }
        System.out.println("C-ECHO to " + net.calledAe + " at " + net.host + ":" + net.port + ": success");
        return ScuSupport.OK;
    }
}
