package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.ServiceClass;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.util.List;

/** {@code move_scu}: C-MOVE to a destination AE, printing the sub-operation counts as they come. */
public final class MoveScuCommand implements Tool {
    String destination;
    int cancelAfter;
    final NetOptions net = new NetOptions();
    final QueryKeys query = new QueryKeys();

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("move_scu",
                "Retrieve with C-MOVE: the SCP sends the matching instances to the destination",
                "AE (-aem).",
                "Example: move_scu -aec PACS -aem MYSTORE -L STUDY -k StudyInstanceUID=1.2.3",
                "                  host 11112");
        net.registerPeer(spec);
        spec.option("-aem", "--move-destination").required().label("AE").description("AE title the instances are sent to")
                .value(Converters.STRING, v -> destination = v);
        spec.option("--cancel-after").label("N").defaultValue("0")
                .description("send C-CANCEL once N sub-operations completed").value(Converters.INT, v -> cancelAfter = v);
        net.register(spec);
        query.register(spec);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        String cuid = query.patientRoot ? QueryRetrieveScu.PATIENT_ROOT_MOVE : QueryRetrieveScu.STUDY_ROOT_MOVE;
        AssociationRequest rq = new AssociationRequest(net.callingAe, net.calledAe);
        rq.addContext(cuid, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
        Association as;
        try {
            as = ScuSupport.connect(net, rq, null, System.out);
        } catch (AssociationException e) {
            return ScuSupport.report("move_scu", e);
        }
        QueryRetrieveScu.Operation[] op = new QueryRetrieveScu.Operation[1];
        boolean[] cancelled = {false};
        Command rsp;
        try {
            op[0] = QueryRetrieveScu.move(as, cuid, destination, query.identifier(), r -> {
                if (Status.isPending(r.status())) {
                    System.out.printf("pending: %d remaining, %d completed, %d failed, %d warning%n",
                            r.numberOfRemainingSubOperations(), r.numberOfCompletedSubOperations(),
                            r.numberOfFailedSubOperations(), r.numberOfWarningSubOperations());
                    if (cancelAfter > 0 && !cancelled[0] && r.numberOfCompletedSubOperations() >= cancelAfter) {
                        cancelled[0] = true;
                        try {
                            op[0].cancel();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            });
            rsp = op[0].await();
            as.release();
        } catch (AssociationException e) {
            return ScuSupport.report("move_scu", e);
        }
        return RetrieveSummary.print("move_scu", rsp, CommandField.C_MOVE_RSP);
    }
}
