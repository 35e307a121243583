package com.commercesuite.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Stamps every record a relay process hands to its producer with the relay's name and the wall-clock
 * time it did so (headers {@value #RELAY} and {@value #HANDED_AT}), so a test on the same host can tell
 * which relay sent what and when. Set with {@code commerce.outbox.producer.interceptor.classes} and
 * {@code commerce.outbox.producer.test-relay}.
 */
public class TagSends implements ProducerInterceptor<byte[], byte[]> {

    static final String RELAY = "test-relay";
    static final String HANDED_AT = "test-handed-at";

    private byte[] relay;

    @Override
    public void configure(Map<String, ?> configs) {
        relay = String.valueOf(configs.get(RELAY)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        record.headers().add(RELAY, relay);
        record.headers().add(HANDED_AT, Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
