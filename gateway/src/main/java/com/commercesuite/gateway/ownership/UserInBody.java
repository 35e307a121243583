package com.commercesuite.gateway.ownership;

import com.commercesuite.gateway.problem.GatewayProblem;
import com.commercesuite.gateway.security.Caller;
import java.math.BigDecimal;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code CallerIsUser=body,<field>}: the user id is a top-level field of the JSON body. The body is
 * read whole (the size limit has already applied) and goes on downstream byte for byte. Strict where
 * the services are lenient: a key sent twice or trailing content is malformed (400), so the gateway
 * and the service cannot read different users.
 */
final class UserInBody implements GatewayFilter {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String field;

    UserInBody(String field) {
        this.field = field;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ActingUser.callerOf(exchange).flatMap(caller -> {
            DataBufferFactory buffers = exchange.getResponse().bufferFactory();
            return DataBufferUtils.join(exchange.getRequest().getBody())
                    .map(buffer -> {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        DataBufferUtils.release(buffer);
                        return bytes;
                    })
                    .defaultIfEmpty(new byte[0])
                    .flatMap(body -> {
                        requireActingForThemself(body, caller);
                        return chain.filter(exchange.mutate().request(new ReplayedBody(exchange.getRequest(), body, buffers)).build());
                    });
        });
    }

    /** Throws a 400 problem for a body that is not a JSON object, a 403 one when it names another user. */
    private void requireActingForThemself(byte[] body, Caller caller) {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JacksonException malformed) {
            throw GatewayProblem.of(HttpStatus.BAD_REQUEST, "malformed-request",
                    "Malformed request body: " + malformed.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw GatewayProblem.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request body: a JSON object is required");
        }
        JsonNode userId = root.get(field);
        // A missing user is the service's to refuse (400); the gateway only stops acting for someone else.
        if (userId == null || userId.isNull() || caller.isAdmin()) {
            return;
        }
        // As sent, in JSON: the value may be an object, an array or a number no type holds.
        ActingUser.requireActingFor(caller, asNumber(userId), userId.isString() ? userId.stringValue() : userId.toString());
    }

    /** The services read "42" and 42.0 as user 42 too; null for what names no user (1e400 included). */
    private static BigDecimal asNumber(JsonNode value) {
        if (value.isNumber()) {
            try {
                return value.decimalValue();
            } catch (JacksonException infinite) {
                return null;
            }
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.stringValue().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CallerIsUser=body," + field;
    }
}
