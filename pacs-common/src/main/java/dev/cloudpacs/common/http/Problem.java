package dev.cloudpacs.common.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

/**
 * The one error format of every HTTP API of the archive: RFC 9457 problem details
 * ({@code application/problem+json}: type, title, status, and a one-line detail naming the parameter or
 * field at fault), with the same detail in a {@code Warning: 299} header, which PS3.18 8.6.3 asks of the
 * DICOMweb services. Never a stack trace.
 */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The warn-agent of the Warning header (RFC 9111 5.5 allows a pseudonym). */
    private static final String AGENT = "cloudpacs";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body; {@code type} is {@code about:blank}, so {@code title} is the status' reason phrase. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(String type, String title, int status, String detail) {
    }

    private Problem() {
    }

    /** A problem response with {@code status} and {@code detail} (null: the reason phrase alone). */
    public static Response of(int status, String detail) {
        return builder(status, detail).build();
    }

    /** As {@link #of}, for adding headers. */
    public static Response.ResponseBuilder builder(int status, String detail) {
        String line = detail == null ? null : oneLine(detail);
        Response.ResponseBuilder b = Response.status(status).type(MEDIA_TYPE)
                .entity(json(new Body("about:blank", title(status), status, line)));
        return line == null ? b : b.header("Warning", warning(line));
    }

    /** The problem+json text itself, for responses written outside the resources (route failure handlers). */
    public static String text(int status, String detail) {
        return json(new Body("about:blank", title(status), status, detail == null ? null : oneLine(detail)));
    }

    /** A {@code Warning: 299} header value carrying {@code text} (PS3.18 8.6.3). */
    public static String warning(String text) {
        // warn-text is a quoted string: one line, no quotes inside.
        return "299 " + AGENT + " \"" + oneLine(text).replace('"', '\'') + "\"";
    }

    static String title(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        if (s != null) {
            return s.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> "HTTP " + status;
        };
    }

    /** Written here, not by the framework's writer: the same bytes whatever the resource produces. */
    private static String json(Body body) {
        try {
            return JSON.writeValueAsString(body) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
