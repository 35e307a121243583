package com.commercesuite.dataplatform.useractivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.commercesuite.balance.charge.UserChargedBalanceSample;
import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.contracts.OutboxRecord;
import com.commercesuite.coupon.issuance.CouponReceivedSample;
import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.Topic;
import com.commercesuite.order.placing.OrderPlacedSample;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user action published on user-activity, as its producer's outbox publishes it, read by the
 * data platform's own {@link UserActivity} the way its listener reads a poll
 * ({@code InboundEvents.read}, then {@link UserActivityFacts#read}). The data platform reads only
 * the envelope: the user is the aggregate id, and the event type is what its analytics count by.
 */
class UserActivityContractTests {

    private static final long USER = 42L;

    /** Reading needs neither the inbox nor the database. */
    private final UserActivityFacts facts = new UserActivityFacts(null, null);

    static Stream<Arguments> everyProducersUserAction() {
        return Stream.of(
                arguments("order-service", OrderPlacedSample.byUser(USER), "ORDER_PLACED"),
                arguments("coupon-service", CouponReceivedSample.byUser(USER), "COUPON_RECEIVED"),
                arguments("balance-service", UserChargedBalanceSample.byUser(USER), "USER_CHARGED_BALANCE"));
    }

    @ParameterizedTest(name = "{2} from {0}")
    @MethodSource("everyProducersUserAction")
    void theDataPlatformReadsTheUserTheTypeAndTheTimeOfTheAction(String producer, DomainEvent action, String eventType) {
        OutboxRecord published = OutboxRecord.of(Topic.USER_ACTIVITY, action);

        UserActivity read = facts.read(InboundEvents.read(published.record()));

        assertThat(read).isEqualTo(
                new UserActivity(published.envelope().eventId(), USER, eventType, published.envelope().occurredAt()));
    }
}
