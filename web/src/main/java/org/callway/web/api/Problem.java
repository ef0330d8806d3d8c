package org.callway.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every admin API error. {@code errors} names
 * the fields a request got wrong, one message each.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    /** One invalid field of a request body. */
    public record FieldError(String field, String message) {
    }

    public static Response response(Response.Status status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status.getStatusCode(), detail, errors)).build();
    }

    /** 400 naming the fields a request got wrong. */
    public static Response invalid(List<FieldError> errors) {
        return response(Response.Status.BAD_REQUEST, "Invalid request", errors.size() + " field(s) are invalid",
                errors);
    }

    public static Response response(Response.Status status, String title, String detail) {
        return response(status, title, detail, List.of());
    }
}
