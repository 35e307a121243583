package com.commercesuite.gateway.ownership;

import com.commercesuite.gateway.problem.GatewayProblem;
import com.commercesuite.gateway.security.Caller;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code userId} a JSON body acts for. Strict where the services are lenient: a key sent
 * twice or trailing content is malformed, so the gateway and the service cannot read different users.
 */
final class UserIdInBody {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private UserIdInBody() {
    }

    /** Throws a 400 problem for a body that is not a JSON object, a 403 one when it names another user. */
    static void requireActingForThemself(byte[] body, Caller caller) {
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
        JsonNode userId = root.get("userId");
        // A missing user is the service's to refuse (400); the gateway only stops acting for someone else.
        if (userId == null || userId.isNull() || caller.isAdmin()) {
            return;
        }
        BigDecimal named = asNumber(userId);
        if (named == null || !caller.mayActFor(named)) {
            throw GatewayProblem.of(HttpStatus.FORBIDDEN, "forbidden",
                    "User " + caller.userId() + " may act only as themself, not for user " + userId.asString());
        }
    }

    /** The services read "42" and 42.0 as user 42 too. */
    private static BigDecimal asNumber(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
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
}
