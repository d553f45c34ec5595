package dev.cloudpacs.retrieve.rest;

import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.retrieve.service.wado.AcceptHeader;
import dev.cloudpacs.retrieve.service.wado.InstanceLookup;
import dev.cloudpacs.retrieve.service.wado.InstanceRetriever;
import dev.cloudpacs.retrieve.service.wado.SyntaxChoice;
import dev.cloudpacs.retrieve.service.wado.WadoException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Locale;

/**
 * WADO-URI (PS3.18 9): {@code GET /wado?requestType=WADO&studyUID=..&seriesUID=..&objectUID=..} returns
 * the object as {@code application/dicom}, the stored Part 10 file unchanged, or transcoded between
 * uncompressed syntaxes when {@code transferSyntax} asks. Rendered media types (image/jpeg, ...) are not
 * produced: asking only for them is 406. A missing or malformed parameter is 400, an unknown object 404.
 */
@Path("/wado")
public class WadoUriResource {
    private static final String DICOM = "application/dicom";

    private final InstanceLookup lookup;
    private final InstanceRetriever instances;
    private final ResponseStreams streams;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    public WadoUriResource(InstanceLookup lookup, InstanceRetriever instances, ResponseStreams streams) {
        this.streams = streams;
        this.lookup = lookup;
        this.instances = instances;
    }

    @GET
    public Response wado() {
        try {
            MultivaluedMap<String, String> q = uri.getQueryParameters();
            String requestType = required(q, "requestType");
            if (!requestType.equals("WADO")) {
                throw WadoException.badRequest("requestType must be WADO, not '" + requestType + "'");
            }
            String study = required(q, "studyUID");
            String series = required(q, "seriesUID");
            String object = required(q, "objectUID");
            checkContentType(q.getFirst("contentType"));
            if (q.containsKey("anonymize") && "yes".equalsIgnoreCase(q.getFirst("anonymize"))) {
                // Silently sending identities to a client that asked for none would be worse than refusing.
                throw WadoException.notAcceptable("anonymize=yes is not supported");
            }
            SyntaxChoice choice = SyntaxChoice.of(q.getFirst("transferSyntax"));
            List<StoredInstance> found = lookup.find(study, series, object);
            InstanceRetriever.Item item = instances.plan(found, choice).items().get(0);
            StreamingOutput body = streams.paced(out -> instances.write(item, out));
            return Response.ok(body).type(DICOM).header("Content-Disposition",
                    "attachment; filename=\"" + object + ".dcm\"").build();
        } catch (WadoException e) {
            return Problems.of(e, uri);
        }
    }

    private static String required(MultivaluedMap<String, String> q, String name) throws WadoException {
        String v = q.getFirst(name);
        if (v == null || v.isBlank()) {
            throw WadoException.badRequest("missing parameter " + name);
        }
        return v.trim();
    }

    /**
     * {@code contentType} is a list of media types (PS3.18 9.1.2.1.6). Without it the Accept header
     * decides; either way {@code application/dicom} must be acceptable, as it is all this archive
     * sends (it renders no images).
     */
    private void checkContentType(String contentType) throws WadoException {
        boolean given = contentType != null && !contentType.isBlank();
        List<String> asked = given ? List.of(contentType.toLowerCase(Locale.ROOT))
                : headers.getRequestHeader(HttpHeaders.ACCEPT);
        List<AcceptHeader.MediaRange> ranges = AcceptHeader.parse(asked);
        for (AcceptHeader.MediaRange r : ranges) {
            if (r.admits("application", "dicom")) {
                return;
            }
        }
        throw WadoException.notAcceptable("only contentType=application/dicom is supported; this archive does not"
                + " render images (asked for " + String.join(", ", asked) + ")");
    }
}
