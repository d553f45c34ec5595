package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import dev.cloudpacs.dicom.net.service.StorageScp;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code get_scu}: C-GET, receiving the instances as C-STORE sub-operations on the same association. */
public final class GetScuCommand implements Tool {
    /** Storage classes proposed with the SCP role by default (a context each; 128 fit in one request). */
    static final List<String> COMMON_STORAGE = List.of(UID.CTImageStorage, UID.EnhancedCTImageStorage, UID.MRImageStorage,
            UID.EnhancedMRImageStorage, UID.ComputedRadiographyImageStorage, UID.DigitalXRayImageStorageForPresentation,
            UID.DigitalXRayImageStorageForProcessing, UID.DigitalMammographyXRayImageStorageForPresentation,
            UID.UltrasoundImageStorage, UID.UltrasoundMultiframeImageStorage, UID.SecondaryCaptureImageStorage,
            UID.MultiframeGrayscaleWordSecondaryCaptureImageStorage, UID.NuclearMedicineImageStorage,
            UID.PositronEmissionTomographyImageStorage, UID.XRayAngiographicImageStorage,
            UID.RTImageStorage, UID.RTDoseStorage, UID.RTStructureSetStorage, UID.RTPlanStorage,
            UID.BasicTextSRStorage, UID.EnhancedSRStorage, UID.ComprehensiveSRStorage,
            UID.GrayscaleSoftcopyPresentationStateStorage, UID.EncapsulatedPDFStorage, UID.VLPhotographicImageStorage,
            UID.SegmentationStorage, UID.KeyObjectSelectionDocumentStorage);

    Path dir;
    final List<String> extraClasses = new ArrayList<>();
    final NetOptions net = new NetOptions();
    final QueryKeys query = new QueryKeys();

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("get_scu",
                "Retrieve with C-GET into a directory (-od); instances arrive on the same",
                "association.",
                "Example: get_scu -aec PACS -od out -L STUDY -k StudyInstanceUID=1.2.3 host 11112");
        net.registerPeer(spec);
        spec.option("-od", "--output-directory").required().label("DIR").value(Converters.PATH, v -> dir = v);
        spec.option("--sop-class").label("UID").repeatable().description("also accept instances of this storage SOP class")
                .value(Converters.STRING, extraClasses::add);
        net.register(spec);
        query.register(spec);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        String cuid = query.patientRoot ? QueryRetrieveScu.PATIENT_ROOT_GET : QueryRetrieveScu.STUDY_ROOT_GET;
        AssociationRequest rq = new AssociationRequest(net.callingAe, net.calledAe);
        List<String> uncompressed = List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2");
        rq.addContext(cuid, uncompressed);
        List<String> classes = new ArrayList<>(COMMON_STORAGE);
        classes.addAll(extraClasses);
        for (String sc : classes) {
            rq.addContext(sc, uncompressed);
            rq.addRole(sc, false, true);
        }
        HandlerRegistry handlers = new StorageScp(dir, net.verbose ? f -> System.out.println("received " + f) : null)
                .register(new HandlerRegistry());
        Association as;
        try {
            as = ScuSupport.connect(net, rq, handlers, System.out);
        } catch (AssociationException e) {
            return ScuSupport.report("get_scu", e);
        }
        Command rsp;
        try {
            rsp = QueryRetrieveScu.get(as, cuid, query.identifier(), r -> {
                if (net.verbose && Status.isPending(r.status())) {
                    System.out.printf("pending: %d remaining, %d completed, %d failed, %d warning%n",
                            r.numberOfRemainingSubOperations(), r.numberOfCompletedSubOperations(),
                            r.numberOfFailedSubOperations(), r.numberOfWarningSubOperations());
                }
            }).await();
            as.release();
        } catch (AssociationException e) {
            return ScuSupport.report("get_scu", e);
        }
        return RetrieveSummary.print("get_scu", rsp, CommandField.C_GET_RSP);
    }
}
