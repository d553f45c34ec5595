package dev.cloudpacs.retrieve.rest;

import dev.cloudpacs.common.http.Problem;
import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.retrieve.service.wado.AcceptHeader;
import dev.cloudpacs.retrieve.service.wado.BinaryRetriever;
import dev.cloudpacs.retrieve.service.wado.InstanceLookup;
import dev.cloudpacs.retrieve.service.wado.InstanceRetriever;
import dev.cloudpacs.retrieve.service.wado.MetadataWriter;
import dev.cloudpacs.retrieve.service.wado.MultipartWriter;
import dev.cloudpacs.retrieve.service.wado.SyntaxChoice;
import dev.cloudpacs.retrieve.service.wado.WadoException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * WADO-RS (PS3.18 10.4): instances of a study, series or single instance as
 * {@code multipart/related; type="application/dicom"} (as stored, or transcoded between uncompressed
 * syntaxes when the Accept header's {@code transfer-syntax} asks), their metadata as DICOM JSON with
 * BulkDataURIs, frames and bulk data. Every body streams from storage. Errors are 400 (malformed UID,
 * frame list, bulk data path or Accept header), 404 (nothing matches), 406 (nothing acceptable can be
 * produced), 503 (index down), each with its reason in a {@code Warning: 299} header and the body;
 * 206 with a Warning when only some instances of a study or series can be sent.
 */
@Path("/dicomweb/studies/{study}")
public class WadoRsResource {
    static final String DICOM_JSON = "application/dicom+json";

    private final InstanceLookup lookup;
    private final InstanceRetriever instances;
    private final MetadataWriter metadata;
    private final BinaryRetriever binary;
    private final ResponseStreams streams;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    public WadoRsResource(InstanceLookup lookup, InstanceRetriever instances, MetadataWriter metadata,
                          BinaryRetriever binary, ResponseStreams streams) {
        this.streams = streams;
        this.lookup = lookup;
        this.instances = instances;
        this.metadata = metadata;
        this.binary = binary;
    }

    @GET
    public Response study(@PathParam("study") String study) {
        return retrieve(study, null, null);
    }

    @GET
    @Path("series/{series}")
    public Response series(@PathParam("study") String study, @PathParam("series") String series) {
        return retrieve(study, series, null);
    }

    @GET
    @Path("series/{series}/instances/{instance}")
    public Response instance(@PathParam("study") String study, @PathParam("series") String series,
                             @PathParam("instance") String instance) {
        return retrieve(study, series, instance);
    }

    @GET
    @Path("metadata")
    public Response studyMetadata(@PathParam("study") String study) {
        return metadata(study, null, null);
    }

    @GET
    @Path("series/{series}/metadata")
    public Response seriesMetadata(@PathParam("study") String study, @PathParam("series") String series) {
        return metadata(study, series, null);
    }

    @GET
    @Path("series/{series}/instances/{instance}/metadata")
    public Response instanceMetadata(@PathParam("study") String study, @PathParam("series") String series,
                                     @PathParam("instance") String instance) {
        return metadata(study, series, instance);
    }

    @GET
    @Path("series/{series}/instances/{instance}/frames/{frames}")
    public Response frames(@PathParam("study") String study, @PathParam("series") String series,
                           @PathParam("instance") String instance, @PathParam("frames") String frames) {
        try {
            int[] list = frameList(frames);
            StoredInstance i = lookup.one(study, series, instance);
            return binary(binary.frames(i, list, accept()));
        } catch (WadoException e) {
            return Problems.of(e, uri);
        }
    }

    @GET
    @Path("series/{series}/instances/{instance}/bulk/{path: .+}")
    public Response bulk(@PathParam("study") String study, @PathParam("series") String series,
                         @PathParam("instance") String instance, @PathParam("path") String path) {
        try {
            StoredInstance i = lookup.one(study, series, instance);
            return binary(binary.bulk(i, path, accept()));
        } catch (WadoException e) {
            return Problems.of(e, uri);
        }
    }

    private Response retrieve(String study, String series, String instance) {
        try {
            List<StoredInstance> found = lookup.find(study, series, instance);
            InstanceRetriever.Plan plan = instances.plan(found, SyntaxChoice.fromAccept(accept()));
            String boundary = MultipartWriter.newBoundary();
            String base = Problems.dicomwebBase(uri);
            StreamingOutput body = streams.paced(
                    out -> instances.writeMultipart(plan, new MultipartWriter(out, boundary), base));
            Response.ResponseBuilder rb = Response.status(plan.skipped() > 0 ? 206 : 200).entity(body)
                    .type(MultipartWriter.contentType("application/dicom", boundary));
            if (plan.skipped() > 0) {
                // PS3.18 10.4.3: some instances cannot be returned; say which kind of problem.
                rb.header("Warning", Problem.warning(plan.skipped() + " of " + found.size()
                        + " instances are not returned: " + plan.reason()));
            }
            return rb.build();
        } catch (WadoException e) {
            return Problems.of(e, uri);
        }
    }

    private Response metadata(String study, String series, String instance) {
        try {
            List<StoredInstance> found = lookup.find(study, series, instance);
            checkJsonAccepted();
            String base = Problems.dicomwebBase(uri);
            StreamingOutput body = streams.paced(out -> metadata.write(found, base, out));
            return Response.ok(body).type(DICOM_JSON).build();
        } catch (WadoException e) {
            return Problems.of(e, uri);
        }
    }

    private Response binary(BinaryRetriever.Prepared p) {
        StreamingOutput body = streams.paced(out -> p.body().write(out));
        return Response.ok(body).type(p.contentType()).build();
    }

    private List<AcceptHeader.MediaRange> accept() throws WadoException {
        return AcceptHeader.parse(headers.getRequestHeader(HttpHeaders.ACCEPT));
    }

    private void checkJsonAccepted() throws WadoException {
        for (AcceptHeader.MediaRange r : accept()) {
            if (r.admits("application", "dicom+json") || r.admits("application", "json")) {
                return;
            }
        }
        throw WadoException.notAcceptable("metadata is returned as " + DICOM_JSON + " only");
    }

    /** A comma-separated list of frame numbers (PS3.18 10.4.1.1.4), each 1 or more. */
    static int[] frameList(String text) throws WadoException {
        String[] parts = text.split(",", -1);
        int[] frames = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].trim();
            if (!p.matches("\\d{1,9}") || Integer.parseInt(p) < 1) {
                throw WadoException.badRequest("frame list '" + text + "' must be frame numbers from 1, separated by"
                        + " commas");
            }
            frames[k] = Integer.parseInt(p);
        }
        return frames;
    }
}
