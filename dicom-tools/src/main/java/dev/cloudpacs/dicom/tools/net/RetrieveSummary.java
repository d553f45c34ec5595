package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.ServiceClass;
import dev.cloudpacs.dicom.net.dimse.Status;

/** The final line of move_scu and get_scu: counts, status in words, failed instances. */
final class RetrieveSummary {
    private RetrieveSummary() {
    }

    static int print(String tool, Command rsp, CommandField field) {
        System.out.printf("%s: completed %d, failed %d, warning %d; final status %s%s%n", tool,
                Math.max(0, rsp.numberOfCompletedSubOperations()), Math.max(0, rsp.numberOfFailedSubOperations()),
                Math.max(0, rsp.numberOfWarningSubOperations()),
                Status.describe(ServiceClass.QUERY_RETRIEVE, field, rsp.status()),
                rsp.errorComment() == null ? "" : " - " + rsp.errorComment());
        Status.Category c = Status.category(rsp.status());
        return c == Status.Category.SUCCESS || c == Status.Category.CANCEL ? ScuSupport.OK : ScuSupport.DIMSE_FAILURE;
    }
}
