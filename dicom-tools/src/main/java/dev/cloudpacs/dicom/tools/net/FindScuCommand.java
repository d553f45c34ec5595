package dev.cloudpacs.dicom.tools.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.json.DicomJsonWriter;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.ServiceClass;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import dev.cloudpacs.dicom.tools.DumpPrinter;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code find_scu}: C-FIND with matches printed as they arrive (text or DICOM JSON). */
public final class FindScuCommand implements Tool {
    final NetOptions net = new NetOptions();
    final QueryKeys query = new QueryKeys();
    boolean json;
    int cancelAfter;

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("find_scu", "Query with C-FIND; matches are printed as they arrive.",
                "Example: find_scu -aec PACS -S -L STUDY -k PatientID=123 -k StudyDate",
                "                  -k StudyInstanceUID host 11112");
        net.registerPeer(spec);
        net.register(spec);
        query.register(spec);
        spec.option("--json").description("print the matches as a DICOM JSON array").flag(v -> json = v);
        spec.option("--cancel-after").label("N").defaultValue("0").description("send C-CANCEL after N matches")
                .value(Converters.INT, v -> cancelAfter = v);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        String cuid = query.patientRoot ? QueryRetrieveScu.PATIENT_ROOT_FIND : QueryRetrieveScu.STUDY_ROOT_FIND;
        AssociationRequest rq = new AssociationRequest(net.callingAe, net.calledAe);
        rq.addContext(cuid, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
        DataSet keys = query.identifier();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Association as;
        try {
            as = ScuSupport.connect(net, rq, null, out);
        } catch (AssociationException e) {
            return ScuSupport.report("find_scu", e);
        }
        JsonGenerator gen = json ? new JsonFactory().createGenerator(out).useDefaultPrettyPrinter() : null;
        if (gen != null) {
            gen.writeStartArray();
        }
        AtomicInteger count = new AtomicInteger();
        QueryRetrieveScu.Operation[] op = new QueryRetrieveScu.Operation[1];
        DicomJsonWriter jsonWriter = new DicomJsonWriter();
        Command rsp;
        try {
            op[0] = QueryRetrieveScu.find(as, cuid, keys, match -> {
                int n = count.incrementAndGet();
                try {
                    if (gen != null) {
                        jsonWriter.write(match, gen);
                    } else {
                        out.println("# match " + n);
                        DumpPrinter.print(match, out);
                    }
                    if (cancelAfter > 0 && n == cancelAfter) {
                        op[0].cancel();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            rsp = op[0].await();
            as.release();
        } catch (AssociationException e) {
            return ScuSupport.report("find_scu", e);
        }
        if (gen != null) {
            gen.writeEndArray();
            gen.flush();
            out.println();
        }
        out.flush();
        System.err.println("find_scu: " + count.get() + " match" + (count.get() == 1 ? "" : "es") + ", final status "
                + Status.describe(ServiceClass.QUERY_RETRIEVE, rsp.commandField(), rsp.status())
                + (rsp.errorComment() != null ? " - " + rsp.errorComment() : ""));
        return Status.category(rsp.status()) == Status.Category.FAILURE ? ScuSupport.DIMSE_FAILURE : ScuSupport.OK;
    }
}
