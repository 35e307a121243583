package com.commercesuite.dataplatform.useractivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.commercesuite.balance.domain.UserChargedBalance;
import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.contracts.OutboxRecord;
import com.commercesuite.coupon.domain.CouponReceived;
import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.Topic;
import com.commercesuite.order.domain.OrderCancelled;
import com.commercesuite.order.domain.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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

    /** Reading needs no database. */
    private final UserActivityFacts facts = new UserActivityFacts(null);

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    /** Each action's own ids (order, coupon) differ from the user's, so that a mix-up shows. */
    static Stream<Arguments> everyProducersUserAction() {
        return Stream.of(
                arguments("order-service", new OrderPlaced(USER, 7001L, List.of(new OrderPlaced.Item(11L, 2)), 5L, AT),
                        "ORDER_PLACED"),
                arguments("order-service", new OrderCancelled(USER, 7002L, "payment rejected", AT), "ORDER_CANCELLED"),
                arguments("coupon-service", new CouponReceived(USER, 501L, "Spring 10%", AT), "COUPON_RECEIVED"),
                arguments("balance-service", new UserChargedBalance(USER, new BigDecimal("25.00"), new BigDecimal("125.00")),
                        "USER_CHARGED_BALANCE"));
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
