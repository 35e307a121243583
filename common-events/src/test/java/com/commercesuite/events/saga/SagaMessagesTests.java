package com.commercesuite.events.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaMessagesTests {

    private static EventEnvelope roundTrip(SagaMessage message) {
        return EventJson.read(EventJson.write(EventEnvelope.of(message, 1, Instant.now())));
    }

    @Test
    void aCommandReadsBackIntoItsRecordWithinItsFamily() {
        var command = new ReserveStock(7, List.of(new OrderLine(1, 2), new OrderLine(3, 1)));

        assertThat(SagaMessages.read(roundTrip(command), ProductCommand.class)).isEqualTo(command);
    }

    @Test
    void repliesKeepExactAmounts() {
        var reply = new CouponUsed(7, 9, new BigDecimal("1234.50"));

        assertThat(SagaMessages.read(roundTrip(reply), SagaReply.class)).isEqualTo(reply);
    }

    @Test
    void aMessageOfAnotherFamilyIsRefused() {
        var envelope = roundTrip(new PayOrder(7, 42, BigDecimal.TEN));

        assertThatThrownBy(() -> SagaMessages.read(envelope, ProductCommand.class))
                .isInstanceOf(SagaMessages.UnknownSagaMessageException.class)
                .hasMessageContaining("PAY_ORDER");
    }

    @Test
    void everyMessageOfAnOrderIsKeyedByTheOrder() {
        var envelope = EventEnvelope.of(new RefundOrder(7, 42), 1, Instant.now());

        assertThat(envelope.aggregateType()).isEqualTo("order");
        assertThat(Topic.BALANCE_COMMANDS.keyFor(envelope)).isEqualTo("7");
    }
}
