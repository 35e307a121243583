package com.commercesuite.events.saga;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventTypes;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a saga envelope back into its record, by event type, within one family of messages:
 * {@code SagaMessages.read(envelope, ProductCommand.class)}.
 */
public final class SagaMessages {

    private SagaMessages() {
    }

    /**
     * @throws UnknownSagaMessageException when the event type is not one of the family's, or the
     *     schema version is newer than this code knows; no retry can fix either
     */
    public static <T extends SagaMessage> T read(EventEnvelope envelope, Class<T> family) {
        if (envelope.schemaVersion() != 1) {
            throw new UnknownSagaMessageException("unsupported schema version " + envelope.schemaVersion()
                    + " of " + envelope.eventType());
        }
        Class<? extends T> type = typesOf(family).get(envelope.eventType());
        if (type == null) {
            throw new UnknownSagaMessageException(envelope.eventType() + " is not a " + family.getSimpleName());
        }
        return envelope.payloadAs(type);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SagaMessage> Map<String, Class<? extends T>> typesOf(Class<T> family) {
        return Arrays.stream(family.getPermittedSubclasses())
                .map(c -> (Class<? extends T>) c)
                .collect(Collectors.toMap(EventTypes::of, Function.identity()));
    }

    /** A message this code cannot read. */
    public static final class UnknownSagaMessageException extends RuntimeException {
        UnknownSagaMessageException(String message) {
            super(message);
        }
    }
}
