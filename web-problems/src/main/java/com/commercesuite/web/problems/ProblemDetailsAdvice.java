package com.commercesuite.web.problems;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place where failures become RFC 9457 answers. Business refusals keep their status and
 * name; bad input is a 400 that names the field, parameter or header at fault (property
 * {@code field}, and {@code errors} for every violation); a part that did not answer in time (a
 * data store down, or a named {@link UnavailableException}) is a 503 with {@code Retry-After};
 * anything else is a 500 that shows no internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final Duration DATA_STORE_RETRY_AFTER = Duration.ofSeconds(2);

    @ExceptionHandler(RefusalException.class)
    ResponseEntity<ProblemDetail> refusal(RefusalException refusal) {
        HttpStatus status = switch (refusal) {
            case NotFoundException ignored -> HttpStatus.NOT_FOUND;
            case ForbiddenException ignored -> HttpStatus.FORBIDDEN;
            case ConflictException ignored -> HttpStatus.CONFLICT;
            case GoneException ignored -> HttpStatus.GONE;
            case InvalidInputException ignored -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
        problem.setType(ProblemTypes.of(refusal.getClass()));
        if (refusal instanceof InvalidInputException invalid) {
            problem.setProperty("field", invalid.field());
        }
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(UnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(UnavailableException unavailable) {
        log.warn("Answered 503: {}", unavailable.getMessage());
        return serviceUnavailable(ProblemTypes.of(unavailable.getClass()), unavailable.getMessage(), unavailable.retryAfter());
    }

    /**
     * PostgreSQL or Redis did not answer (down, restarting, a full pool, a timeout) or a lock could
     * not be had: the request may well succeed when asked again shortly, so it is a 503 with
     * {@code Retry-After}, not a 500.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> dataStoreUnavailable(DataAccessException failure) {
        log.warn("Answered 503, a data store did not answer: {}", NestedExceptionUtils.getMostSpecificCause(failure).toString());
        return serviceUnavailable(ProblemTypes.DATA_STORE_UNAVAILABLE,
                "A data store this service needs did not answer; ask again shortly.", DATA_STORE_RETRY_AFTER);
    }

    private static ResponseEntity<ProblemDetail> serviceUnavailable(URI type, String detail, Duration retryAfter) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, type, detail));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Request failed unexpectedly", exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request failed on our side; it has been logged.");
        problem.setType(ProblemTypes.INTERNAL_ERROR);
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = Stream.concat(
                        ex.getBindingResult().getFieldErrors().stream().map(e -> violation(e.getField(), e)),
                        ex.getBindingResult().getGlobalErrors().stream().map(e -> violation(e.getObjectName(), e)))
                .toList();
        return badInput(ex, errors, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> violation(
                        error instanceof FieldError field ? field.getField() : parameterName(result.getMethodParameter().getParameterName()),
                        error)))
                .toList();
        return badInput(ex, errors, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        if (NestedExceptionUtils.getMostSpecificCause(ex) instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = path(json);
            String what = json instanceof MismatchedInputException ? "has the wrong type or shape" : "cannot be read";
            problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, field + ": " + what);
            problem.setProperty("field", field);
        } else {
            String reason = ex.getCause() instanceof JacksonException json ? json.getOriginalMessage() : "the body is missing or not JSON";
            problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request body: " + reason);
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        return field(ex, name, name + ": '" + ex.getValue() + "' is not a valid " + expected, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return field(ex, ex.getParameterName(), "Required parameter '" + ex.getParameterName() + "' is missing", headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return field(ex, missing.getHeaderName(), "Required header '" + missing.getHeaderName() + "' is missing", headers, request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    private ResponseEntity<Object> badInput(Exception ex, List<Map<String, String>> errors, HttpHeaders headers, WebRequest request) {
        String detail = errors.stream().map(e -> e.get("field") + ": " + e.get("message")).collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, detail);
        if (!errors.isEmpty()) {
            problem.setProperty("field", errors.getFirst().get("field"));
        }
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> field(Exception ex, String field, String detail, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, detail);
        problem.setProperty("field", field);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        return problem;
    }

    private static Map<String, String> violation(String field, MessageSourceResolvable error) {
        String message = error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
        return Map.of("field", field, "message", message);
    }

    private static String parameterName(@Nullable String name) {
        return name == null ? "parameter" : name;
    }

    /** {@code items[0].quantity}: the JSON path of the value that could not be read. */
    private static String path(JacksonException json) {
        var out = new StringBuilder();
        for (JacksonException.Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
