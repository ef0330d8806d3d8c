package org.callway.web.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure of the admin API into a problem detail (RFC 9457) instead of HTML. */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    /** Bean Validation failures: 400 naming each field. */
    @Provider
    public static class Validation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            return Problem.invalid(errors);
        }

        /**
         * The path below the method parameter: {@code create.arg0.name} becomes {@code name},
         * an invalid list element {@code transports[0]}.
         */
        private static String field(ConstraintViolation<?> violation) {
            StringBuilder field = new StringBuilder();
            for (Path.Node node : violation.getPropertyPath()) {
                switch (node.getKind()) {
                    case PROPERTY, BEAN -> {
                        if (node.getName() != null) {
                            field.append(field.isEmpty() ? "" : ".").append(node.getName());
                        }
                    }
                    case CONTAINER_ELEMENT -> field.append('[').append(node.getIndex()).append(']');
                    default -> field.setLength(0); // method, parameter: not part of the body
                }
            }
            return field.toString();
        }
    }

    /** JAX-RS's own errors (404, 405, 415, unreadable JSON …) keep their status. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            return Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE)
                    .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                            e.getMessage(), List.of()))
                    .build();
        }
    }

    /** Anything else is our fault: 500, logged, with no internals in the body. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException wae) {
                return new WebApplication().toResponse(wae);
            }
            LOG.log(Level.SEVERE, "admin API failure", e);
            return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "Internal error",
                    "the server could not complete the request; see its log");
        }
    }
}
