package com.commercesuite.balance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.events.saga.OrderPaid;
import com.commercesuite.events.saga.PaymentRejected;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderPaymentTests {

    @Test
    void aPaidOrderIsAnsweredOrderPaidWithTheAmountTaken() {
        var paid = new OrderPayment(7, 3, new BigDecimal("12.50"), PaymentStatus.PAID, null);

        assertThat(paid.reply()).isEqualTo(new OrderPaid(7, new BigDecimal("12.50")));
    }

    @Test
    void aRejectedOrderIsAnsweredWithItsOriginalReason() {
        var rejected = new OrderPayment(7, 3, new BigDecimal("12.50"), PaymentStatus.REJECTED,
                OrderPayment.insufficientBalance(new BigDecimal("1.00"), new BigDecimal("12.50")));

        assertThat(rejected.reply()).isEqualTo(new PaymentRejected(7, "insufficient balance: has 1.00, needs 12.50"));
    }

    @Test
    void aRefundedOrCancelledOrderIsRejectedAsCancelled() {
        var refunded = new OrderPayment(7, 3, new BigDecimal("12.50"), PaymentStatus.REFUNDED, null);
        var tombstone = new OrderPayment(8, 3, null, PaymentStatus.CANCELLED, null);

        assertThat(refunded.reply()).isEqualTo(new PaymentRejected(7, "order was cancelled"));
        assertThat(tombstone.reply()).isEqualTo(new PaymentRejected(8, "order was cancelled"));
    }
}
