package dev.cloudpacs.query.rest;

import dev.cloudpacs.common.http.Problem;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryLevel;
import dev.cloudpacs.dicom.core.json.DicomJsonWriter;
import dev.cloudpacs.query.service.QidoService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.sql.SQLException;

/**
 * QIDO-RS (PS3.18 10.6): the search resources at every level and their nested forms, answering
 * {@code application/dicom+json}. Zero matches is 200 with an empty array (CP-2473); a bad parameter
 * is 400 and an unavailable index 503, as problem details ({@link Problem}) with the reason in a Warning header.
 */
@Path("/dicomweb")
@Produces({QidoResource.DICOM_JSON, MediaType.APPLICATION_JSON})
public class QidoResource {
    static final String DICOM_JSON = "application/dicom+json";
    private static final Logger LOG = Logger.getLogger(QidoResource.class);

    private final QidoService qido;

    @Context
    UriInfo uri;

    public QidoResource(QidoService qido) {
        this.qido = qido;
    }

    @GET
    @Path("studies")
    public Response studies() {
        return search(new QidoService.Target(QueryLevel.STUDY, null, null));
    }

    @GET
    @Path("series")
    public Response series() {
        return search(new QidoService.Target(QueryLevel.SERIES, null, null));
    }

    @GET
    @Path("instances")
    public Response instances() {
        return search(new QidoService.Target(QueryLevel.IMAGE, null, null));
    }

    @GET
    @Path("studies/{study}/series")
    public Response studySeries(@PathParam("study") String study) {
        return search(new QidoService.Target(QueryLevel.SERIES, study, null));
    }

    @GET
    @Path("studies/{study}/instances")
    public Response studyInstances(@PathParam("study") String study) {
        return search(new QidoService.Target(QueryLevel.IMAGE, study, null));
    }

    @GET
    @Path("studies/{study}/series/{series}/instances")
    public Response seriesInstances(@PathParam("study") String study, @PathParam("series") String series) {
        return search(new QidoService.Target(QueryLevel.IMAGE, study, series));
    }

    private Response search(QidoService.Target target) {
        String base = uri.getBaseUri().toString().replaceAll("/+$", "") + "/dicomweb";
        QidoService.Result r;
        try {
            r = qido.search(target, uri.getQueryParameters(), base);
        } catch (QidoService.BadRequest | QueryException e) {
            return problem(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (SQLException e) {
            LOG.warnf("QIDO-RS search failed: index unavailable: %s", e.getMessage());
            return problem(Response.Status.SERVICE_UNAVAILABLE, "index unavailable, try again later");
        } catch (java.io.IOException e) {
            return problem(Response.Status.INTERNAL_SERVER_ERROR, e.getMessage());
        }
        StreamingOutput body = out -> new DicomJsonWriter().writeArray(r.matches(), out);
        Response.ResponseBuilder rb = Response.ok(body, DICOM_JSON);
        for (String w : r.warnings()) {
            rb.header("Warning", Problem.warning(w));
        }
        return rb.build();
    }

    private static Response problem(Response.Status status, String message) {
        return Problem.of(status.getStatusCode(), message);
    }
}
