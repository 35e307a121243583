package com.commercesuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopicCatalogTests {

    private static EventEnvelope eventOf(String aggregateId) {
        return EventEnvelope.of(new EventEnvelopeTests.StockChanged(aggregateId, 1), 1, Instant.now());
    }

    @Test
    void catalogHoldsTheDomainAndSagaTopicsWithThreePartitionsEach() {
        assertThat(Topic.values())
                .extracting(Topic::topicName)
                .containsExactlyInAnyOrder("order-completed", "coupon-issue", "balance-activity", "product-activity", "user-activity",
                        "product-commands", "coupon-commands", "balance-commands", "order-saga-replies");
        assertThat(Topic.values()).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(Topic.DEFAULT_PARTITIONS));
    }

    @Test
    void balanceAndUserActivityAreKeyedPerUser() {
        assertThat(Topic.BALANCE_ACTIVITY.keyFor(eventOf("42"))).isEqualTo("user:42");
        assertThat(Topic.USER_ACTIVITY.keyFor(eventOf("42"))).isEqualTo("user:42");
    }

    @Test
    void couponAndProductEventsAreKeyedByTheirAggregate() {
        assertThat(Topic.COUPON_ISSUE.keyFor(eventOf("c-7"))).isEqualTo("c-7");
        assertThat(Topic.PRODUCT_ACTIVITY.keyFor(eventOf("p-3"))).isEqualTo("p-3");
    }

    @Test
    void completedOrdersAreUnkeyedToSpreadOverPartitions() {
        assertThat(Topic.ORDER_COMPLETED.keyFor(eventOf("o-1"))).isNull();
    }

    @Test
    void everyTopicsNameIsAlsoAConstantOfTheSameName() throws Exception {
        for (Topic topic : Topic.values()) {
            assertThat(Topic.Names.class.getField(topic.name()).get(null)).isEqualTo(topic.topicName());
        }
        assertThat(Topic.Names.class.getFields()).hasSameSizeAs(Topic.values());
    }

    @Test
    void everyTopicHasAPublisherAndEveryGroupAService() {
        assertThat(Topic.values()).allSatisfy(t -> assertThat(t.publishers()).as("publishers of %s", t).isNotEmpty());
        assertThat(ConsumerGroup.values()).allSatisfy(g -> assertThat(g.service()).as("service of %s", g).isNotBlank());
    }

    @Test
    void theOrderSagaAloneSendsTheParticipantsTheirCommandsAndTheyAloneReply() {
        assertThat(Topic.publishedBy("order-service")).contains(Topic.PRODUCT_COMMANDS, Topic.COUPON_COMMANDS, Topic.BALANCE_COMMANDS)
                .doesNotContain(Topic.ORDER_SAGA_REPLIES, Topic.BALANCE_ACTIVITY);
        assertThat(Topic.ORDER_SAGA_REPLIES.publishers()).containsExactlyInAnyOrder("product-service", "balance-service", "coupon-service");
        assertThat(Topic.publishedBy("data-platform-consumer")).isEmpty();
    }

    @Test
    void topicsAreFoundByTheirKafkaName() {
        assertThat(Topic.byName("coupon-issue")).contains(Topic.COUPON_ISSUE);
        assertThat(Topic.byName("nope")).isEmpty();
    }
}
