package com.commercesuite.product.reservation;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.ProductCommand;
import com.commercesuite.events.saga.SagaMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order saga's commands to product-service. The offset is committed after the listener returned,
 * that is after the command's transaction committed; an unreadable record or an unknown command type
 * goes to product-commands.DLT at once, any other failure is retried and then dead-lettered.
 */
@Component
class ProductCommandListener {

    private final ReservingStock reserving;

    ProductCommandListener(ReservingStock reserving) {
        this.reserving = reserving;
    }

    // One consumer per partition of product-commands: orders on different partitions reserve in parallel.
    @KafkaListener(id = "product-saga", groupId = ConsumerGroup.Names.PRODUCT_SAGA, topics = Topic.Names.PRODUCT_COMMANDS,
            concurrency = "3")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = InboundEvents.read(record);
        reserving.handle(envelope, SagaMessages.read(envelope, ProductCommand.class));
    }
}
