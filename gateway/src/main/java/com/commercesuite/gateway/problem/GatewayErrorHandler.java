package com.commercesuite.gateway.problem;

import com.commercesuite.gateway.tracing.RequestTracing;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every failure that reaches the edge becomes a problem answer: no stack trace and no HTML page
 * leaves the gateway. Answers that come from a service pass through untouched, so this only sees
 * what the gateway itself could not do. Ahead of Boot's own handler (order -1).
 */
@Component
@Order(-2)
class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemWriter writer;

    GatewayErrorHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        // Drops headers a service had already sent with an answer the gateway now replaces.
        ServerWebExchangeUtils.reset(exchange);
        return writer.write(exchange, problemFor(exchange, failure));
    }

    private GatewayProblem problemFor(ServerWebExchange exchange, Throwable failure) {
        String path = exchange.getRequest().getPath().value();
        GatewayProblem own = cause(failure, GatewayProblem.class);
        if (own != null) {
            return own;
        }
        if (failure instanceof ResponseStatusException statusException) {
            return fromStatus(statusException, path);
        }
        if (causedBy(failure, DataBufferLimitException.class)) {
            return GatewayProblem.of(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "The request body is too large");
        }
        if (causedBy(failure, ConnectException.class) || causedBy(failure, UnknownHostException.class)) {
            log.warn("No connection to the service for {} {} (request {}): {}", exchange.getRequest().getMethod(), path,
                    RequestTracing.requestId(exchange), failure.toString());
            return GatewayProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "The service that answers " + path + " is not reachable; try again later")
                    .withHeader("Retry-After", "1");
        }
        if (causedBy(failure, PrematureCloseException.class) || causedBy(failure, IOException.class)) {
            log.warn("The service for {} {} failed mid-answer (request {}): {}", exchange.getRequest().getMethod(), path,
                    RequestTracing.requestId(exchange), failure.toString());
            return GatewayProblem.of(HttpStatus.BAD_GATEWAY, "bad-gateway",
                    "The service that answers " + path + " closed the connection without a complete answer");
        }
        log.error("Request {} {} failed in the gateway (request {})", exchange.getRequest().getMethod(), path,
                RequestTracing.requestId(exchange), failure);
        return GatewayProblem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The request failed in the gateway; it has been logged");
    }

    private static GatewayProblem fromStatus(ResponseStatusException failure, String path) {
        HttpStatus status = HttpStatus.resolve(failure.getStatusCode().value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return switch (status) {
            case NOT_FOUND -> GatewayProblem.of(status, "no-route", "No API answers " + path);
            case GATEWAY_TIMEOUT -> GatewayProblem.of(status, "gateway-timeout",
                    "The service that answers " + path + " did not answer in time");
            case SERVICE_UNAVAILABLE -> GatewayProblem.of(status, "service-unavailable",
                    "The service that answers " + path + " is not available; try again later");
            case CONTENT_TOO_LARGE -> GatewayProblem.of(status, "content-too-large", "The request body is too large");
            case METHOD_NOT_ALLOWED -> GatewayProblem.of(status, "method-not-allowed", "Method not allowed on " + path);
            default -> status.is4xxClientError()
                    ? GatewayProblem.of(status, kebab(status), failure.getReason() == null ? status.getReasonPhrase() : failure.getReason())
                    : GatewayProblem.of(status, kebab(status), "The request failed in the gateway");
        };
    }

    private static String kebab(HttpStatus status) {
        return status.name().toLowerCase().replace('_', '-');
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
