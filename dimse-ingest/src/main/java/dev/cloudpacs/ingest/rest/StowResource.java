package dev.cloudpacs.ingest.rest;

import dev.cloudpacs.common.http.Problem;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.storage.StorageWriter;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.json.DicomJsonWriter;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.ingest.service.IngestService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * STOW-RS (PS3.18 section 10.5): {@code multipart/related; type="application/dicom"} bodies, each part a
 * Part 10 object, through the same pipeline as C-STORE. The response is a DICOM JSON data set with the
 * Referenced SOP Sequence and Failed SOP Sequence: 200 when all were stored, 202 when some failed,
 * 409 when none was stored.
 */
@Path("/dicomweb/studies")
public class StowResource {
    private static final Logger LOG = Logger.getLogger(StowResource.class);
    private static final String DICOM_JSON = "application/dicom+json";

    private final IngestService ingest;
    private final PacsConfig config;

    @Context
    UriInfo uri;

    public StowResource(IngestService ingest, PacsConfig config) {
        this.ingest = ingest;
        this.config = config;
    }

    @POST
    @Consumes("multipart/related")
    public Response store(@HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        return stow(null, contentType, body);
    }

    @POST
    @Path("{study}")
    @Consumes("multipart/related")
    public Response storeIntoStudy(@PathParam("study") String study, @HeaderParam("Content-Type") String contentType,
                                   InputStream body) throws IOException {
        if (!UIDs.isValid(study)) {
            return Problem.of(400, "invalid Study Instance UID in the path: " + study);
        }
        return stow(study, contentType, body);
    }

    private Response stow(String study, String contentType, InputStream body) throws IOException {
        String type = parameter(contentType, "type");
        if (type != null && !type.equalsIgnoreCase("application/dicom")) {
            return Problem.of(415, "only multipart/related; type=\"application/dicom\" is supported here, not type " + type);
        }
        String boundary = MultipartRelatedReader.boundaryOf(contentType);
        if (boundary == null) {
            return Problem.of(400, "Content-Type multipart/related without a boundary parameter");
        }
        List<IngestService.Outcome> outcomes = new ArrayList<>();
        try {
            MultipartRelatedReader reader = new MultipartRelatedReader(body, boundary);
            MultipartRelatedReader.PartHeaders part;
            while ((part = reader.nextPart()) != null) {
                if (!part.contentType().toLowerCase(Locale.ROOT).startsWith("application/dicom")) {
                    reader.copyBody(java.io.OutputStream.nullOutputStream());
                    outcomes.add(new IngestService.Outcome(Status.SOP_CLASS_NOT_SUPPORTED, null, null, null,
                            "part of type " + part.contentType() + " is not application/dicom"));
                    continue;
                }
                long start = System.nanoTime();
                StorageWriter w = ingest.begin();
                try {
                    reader.copyBody(w.stream());
                } catch (IOException e) {
                    w.abort();
                    throw e;
                }
                // Recorded like a C-STORE from AE "STOW-RS" to the archive's AE title; an instance of
                // another study than the path names is refused before anything is stored.
                outcomes.add(ingest.finish(w, null, null, study, "STOW-RS", config.aeTitle(), start));
            }
        } catch (IOException e) {
            LOG.infof("STOW-RS body unreadable: %s", e.getMessage());
            return Problem.of(400, "cannot read the multipart body: " + e.getMessage());
        }
        return response(outcomes);
    }

    private Response response(List<IngestService.Outcome> outcomes) throws IOException {
        DataSet rsp = new DataSet();
        String base = uri.getBaseUri().toString().replaceAll("/$", "") + "/dicomweb";
        Sequence ok = null;
        Sequence failed = null;
        int stored = 0;
        int warned = 0;
        for (IngestService.Outcome o : outcomes) {
            if (o.stored()) {
                if (ok == null) {
                    ok = rsp.newSequence(Tag.ReferencedSOPSequence, outcomes.size());
                }
                DataSet item = ok.addItem();
                item.setString(Tag.ReferencedSOPClassUID, VR.UI, o.sopClassUid());
                item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, o.sopInstanceUid());
                item.setString(Tag.RetrieveURL, VR.UR, base + "/studies/" + o.studyInstanceUid() + "/instances/"
                        + o.sopInstanceUid());
                if (!o.success()) {
                    // PS3.18 10.5.3: a stored instance with a warning carries its Warning Reason.
                    item.setInt(Tag.WarningReason, VR.US, o.status());
                    warned++;
                }
                stored++;
            } else {
                if (failed == null) {
                    failed = rsp.newSequence(Tag.FailedSOPSequence, 4);
                }
                DataSet item = failed.addItem();
                item.setString(Tag.ReferencedSOPClassUID, VR.UI, o.sopClassUid() == null ? "" : o.sopClassUid());
                item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, o.sopInstanceUid() == null ? "" : o.sopInstanceUid());
                item.setInt(Tag.FailureReason, VR.US, o.status());
                if (o.comment() != null) {
                    item.setString(Tag.ErrorComment, VR.LO, o.comment().length() > 64 ? o.comment().substring(0, 64)
                            : o.comment());
                }
            }
        }
        int status = outcomes.isEmpty() || stored == 0 ? 409 : stored == outcomes.size() && warned == 0 ? 200 : 202;
        String json = new DicomJsonWriter().toJson(rsp);
        Response.ResponseBuilder b = Response.status(status).type(DICOM_JSON).entity(json);
        if (status == 202) {
            b.header("Warning", stored < outcomes.size()
                    ? "299 cloudpacs: \"some instances could not be stored, see FailedSOPSequence\""
                    : "299 cloudpacs: \"instances stored with warnings, see WarningReason\"");
        }
        return b.build();
    }

    private static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                String v = t.substring(name.length() + 1).trim();
                return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }
}
