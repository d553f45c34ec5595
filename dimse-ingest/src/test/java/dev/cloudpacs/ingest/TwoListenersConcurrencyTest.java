package dev.cloudpacs.ingest;

import dev.cloudpacs.dicom.core.dict.UidRegistry;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.assoc.DefaultAcceptorPolicy;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.ingest.dimse.StoreHandler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two ingest listeners storing into the same new study at the same moment create one patient, one
 * study and one series row, and every instance.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class TwoListenersConcurrencyTest {
    @Inject
    StoreHandler storeHandler;

    Path tmp;

    @org.junit.jupiter.api.BeforeEach
    void tempDir() throws java.io.IOException {
        // @TempDir is not injected into @QuarkusTest instances; a plain temp directory does the job.
        tmp = java.nio.file.Files.createTempDirectory("ingest-test-");
    }

    @Test
    void sameNewStudyFromTwoListenersAtOnce() throws Exception {
        HandlerRegistry handlers = new HandlerRegistry().register(UidRegistry::isStorageSopClass,
                CommandField.C_STORE_RQ, storeHandler);
        try (DicomServer second = DicomServer.start(null, 0, null, AssociationOptions.DEFAULT, handlers,
                new DefaultAcceptorPolicy(handlers, AssociationOptions.DEFAULT).storeAsIs(UidRegistry::isStorageSopClass),
                null)) {
            for (int round = 0; round < 3; round++) {
                String study = UIDs.generate();
                List<Path> files = TestObjects.study(tmp.resolve("r" + round), study, 16);
                List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
                int[] ports = {InfraResource.dimsePort, second.port()};
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    List<StoreScu.Item> mine = new ArrayList<>();
                    for (int i = t; i < items.size(); i += 4) {
                        mine.add(items.get(i));
                    }
                    int port = ports[t % 2];
                    results.add(pool.submit(() -> {
                        AssociationRequest rq = new AssociationRequest("RACER", "PACS");
                        StoreScu.proposeContexts(rq, mine);
                        Association as = Connector.connect("127.0.0.1", port, rq, AssociationOptions.DEFAULT, null, null);
                        go.await();
                        int ok = 0;
                        for (StoreScu.Item it : mine) {
                            if (StoreScu.send(as, it, 0, null, 0).status() == Status.SUCCESS) {
                                ok++;
                            }
                        }
                        as.release();
                        return ok;
                    }));
                }
                go.countDown();
                int ok = 0;
                for (Future<Integer> f : results) {
                    ok += f.get();
                }
                pool.shutdown();
                assertEquals(files.size(), ok);
                String s = study;
                assertEquals(1, IndexRows.count("SELECT count(*) FROM study WHERE study_instance_uid = ?", s));
                assertEquals(1, IndexRows.count("SELECT count(*) FROM patient p WHERE p.patient_id = (SELECT q.patient_id"
                        + " FROM patient q JOIN study t ON t.patient_fk = q.pk WHERE t.study_instance_uid = ?)", s));
                assertEquals(1, IndexRows.count("SELECT count(*) FROM series r JOIN study t ON r.study_fk = t.pk"
                        + " WHERE t.study_instance_uid = ?", s));
                assertEquals(files.size(), IndexRows.count("SELECT count(*) FROM instance i JOIN series r"
                        + " ON i.series_fk = r.pk JOIN study t ON r.study_fk = t.pk WHERE t.study_instance_uid = ?", s));
            }
        }
    }
}
