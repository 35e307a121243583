package com.commercesuite.consumer;

import com.commercesuite.events.saga.SagaMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

/**
 * What happens to a record its listener failed on. A failure of the infrastructure the effect needs
 * (the database or Redis unreachable, a timeout, a lock conflict: see {@link #isTransient}) is
 * retried until it succeeds, with a backoff that doubles up to {@code commerce.consumer.retry.transient-max-interval},
 * holding the partition in order: a saga command or compensation is never given up because a
 * database restarted. Any other failure gets a bounded exponential backoff, then the record's
 * original bytes go to {@code <topic>.DLT}, same partition, with the reason in a {@code dltReason}
 * header (next to Spring Kafka's {@code kafka_dlt-original-*} headers), and the partition moves on.
 *
 * <p>Records no retry can fix go there at once, and this is the one place that says which they are,
 * so that a listener lets them through rather than catching them: a {@link NonRetryableEventException}
 * (a value {@link InboundEvents} cannot read, or a service's named refusal), a payload that does not
 * fit its record ({@link JacksonException}), a saga message of an unknown type or schema version
 * ({@link SagaMessages.UnknownSagaMessageException}).
 */
public final class DeadLetterErrorHandler {

    /** Header carrying why the record was dead-lettered. */
    public static final String DLT_REASON = "dltReason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterErrorHandler.class);

    private DeadLetterErrorHandler() {
    }

    static DefaultErrorHandler create(KafkaOperations<?, ?> kafkaTemplate, ConsumerProperties properties,
            MeterRegistry registry, List<RetryListener> retryListeners) {
        var recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(record.topic() + ".DLT", record.partition()));
        recoverer.addHeadersFunction((record, exception) -> {
            var headers = new RecordHeaders();
            headers.add(DLT_REASON, reason(exception).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        var backOff = new ExponentialBackOffWithMaxRetries(properties.retry().maxRetries());
        backOff.setInitialInterval(properties.retry().initialInterval().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        var untilItSucceeds = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
        untilItSucceeds.setMaxInterval(properties.retry().transientMaxInterval().toMillis());
        handler.setBackOffFunction((record, exception) -> isTransient(exception) ? untilItSucceeds : null);
        handler.addNotRetryableExceptions(NonRetryableEventException.class, JacksonException.class,
                SagaMessages.UnknownSagaMessageException.class);
        // Each failed delivery is logged once below, with its reason; the container's own
        // "Seek to current after exception" stack trace for the same failure only repeats it.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        var listeners = new ArrayList<RetryListener>(retryListeners);
        listeners.add(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                log.warn("Delivery {} of {}-{}@{} failed: {}", deliveryAttempt, record.topic(), record.partition(),
                        record.offset(), reason(ex));
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
                log.error("Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason(ex));
                registry.counter("consumer_records_dead_lettered", "topic", record.topic()).increment();
            }
        });
        handler.setRetryListeners(listeners.toArray(RetryListener[]::new));
        return handler;
    }

    /**
     * A failure of something the effect needs rather than of the record: the database or Redis
     * unreachable or timing out, a transaction that could not begin, commit or roll back (a record's
     * content makes a statement fail, never the end of its transaction: the pool's "Connection is
     * closed" after a terminated backend has no SQLState), a lock or serialization conflict, a
     * connection that broke (SQLState class 08), a server out of connections or shutting down
     * (classes 53 and 57). Waiting cures it; the record itself is fine.
     */
    static boolean isTransient(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57"));
    }

    /**
     * What went wrong, without the listener's wrapping: a named refusal's own message, which says
     * which record and why, or else the innermost cause's type and message.
     */
    public static String reason(Throwable exception) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(exception);
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof NonRetryableEventException) {
                root = t;
                break;
            }
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + ": " + (message == null ? "(no message)" : message);
    }
}
