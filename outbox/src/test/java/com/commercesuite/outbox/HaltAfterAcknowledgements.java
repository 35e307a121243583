package com.commercesuite.outbox;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Kills the relay's process at the worst moment: as soon as the broker acknowledged
 * {@code halt-after-acks} records, before the relay sees the last acknowledgement and so before it
 * marks the batch. The producer calls an interceptor ahead of each record's own callback. Set with
 * {@code commerce.outbox.producer.interceptor.classes} and {@code commerce.outbox.producer.halt-after-acks}.
 */
public class HaltAfterAcknowledgements implements ProducerInterceptor<byte[], byte[]> {

    private final AtomicInteger acknowledged = new AtomicInteger();
    private int haltAfter;

    @Override
    public void configure(Map<String, ?> configs) {
        haltAfter = Integer.parseInt(String.valueOf(configs.get("halt-after-acks")));
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception == null && acknowledged.incrementAndGet() >= haltAfter) {
            Runtime.getRuntime().halt(137);
        }
    }

    @Override
    public void close() {
    }
}
