package com.commercesuite.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapping for envelopes and payloads, shared by producers and consumers. */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Amounts are exact: decimals stay BigDecimal in the payload tree, scale included.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(EventEnvelope envelope) {
        return MAPPER.writeValueAsBytes(envelope);
    }

    public static EventEnvelope read(byte[] json) {
        return MAPPER.readValue(json, EventEnvelope.class);
    }
}
