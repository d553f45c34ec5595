package dev.cloudpacs.ingest;

import dev.cloudpacs.common.retrieve.RetrieveJobs;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The front door's C-MOVE relay without a retrieve-service: the job is queued, and when its final
 * progress message never arrives (here: the job's row is marked done and nothing is published), the
 * requester still gets the final status, from the index, once the progress has been silent for
 * {@code pacs.retrieve.progress-silence} (1 s in the tests).
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class MoveRelayTest {
    private static final String DESTINATION = "MISSEDDEST";

    @Inject
    RetrieveJobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        given().delete("/admin/ae/{t}", DESTINATION);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM retrieve_job WHERE destination = ?")) {
            ps.setString(1, DESTINATION);
            ps.executeUpdate();
        }
    }

    @Test
    void aFinalStatusMissedOnTheProgressTopicIsAnsweredFromTheIndex() throws Exception {
        // Nothing listens there: no retrieve-service runs in these tests, so no association is tried.
        assertEquals(201, given().contentType("application/json").body("{\"host\":\"127.0.0.1\",\"port\":9}")
                .put("/admin/ae/{t}", DESTINATION).statusCode());
        String study = UIDs.generate();
        AssociationRequest rq = new AssociationRequest("MOVER", "PACS");
        rq.addContext(QueryRetrieveScu.STUDY_ROOT_MOVE, List.of("1.2.840.10008.1.2"));
        Association as = Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT,
                null, null);
        try {
            DataSet keys = new DataSet();
            keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
            keys.setString(Tag.StudyInstanceUID, VR.UI, study);
            QueryRetrieveScu.Operation move = QueryRetrieveScu.move(as, QueryRetrieveScu.STUDY_ROOT_MOVE, DESTINATION,
                    keys, rsp -> { });
            String jobId = awaitJob();
            Thread.sleep(1_500); // longer than the silence: the row is looked up, and the job has not ended
            assertFalse(move.done().isDone(), "no final status while the job has not ended");

            String failedUid = UIDs.generate();
            jobs.finish(jobId, new RetrieveProgress(jobId, Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES, 0,
                    3, 1, 0, List.of(failedUid), "1 of 4 refused by " + DESTINATION));
            Command rsp = move.done().get(60, TimeUnit.SECONDS);
            assertEquals(Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES, rsp.status(), rsp.toString());
            assertEquals(3, rsp.numberOfCompletedSubOperations());
            assertEquals(1, rsp.numberOfFailedSubOperations());
            assertEquals(0, rsp.numberOfWarningSubOperations());
            assertEquals("1 of 4 refused by " + DESTINATION, rsp.errorComment());
        } finally {
            as.release();
        }
    }

    /** The id of the job the front door queued (the only one for the destination). */
    private String awaitJob() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT job_id FROM retrieve_job WHERE destination = ?")) {
                ps.setString(1, DESTINATION);
                try (ResultSet r = ps.executeQuery()) {
                    if (r.next()) {
                        return r.getString(1);
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no retrieve_job row for " + DESTINATION);
    }
}
