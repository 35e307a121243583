package com.commercesuite.balance.domain;

import com.commercesuite.events.saga.OrderPaid;
import com.commercesuite.events.saga.PaymentRejected;
import com.commercesuite.events.saga.SagaReply;
import java.math.BigDecimal;

/**
 * What this service decided for one order. A repeated PayOrder is answered from here, so every
 * delivery of it gets the same reply.
 *
 * @param amount what PayOrder asked for; null for a tombstone
 * @param reason why a payment was rejected
 */
public record OrderPayment(long orderId, long userId, BigDecimal amount, PaymentStatus status, String reason) {

    static final String CANCELLED_REASON = "order was cancelled";

    /** The reply a PayOrder for this order gets. */
    public SagaReply reply() {
        return switch (status) {
            case PAID -> new OrderPaid(orderId, amount);
            case REJECTED -> new PaymentRejected(orderId, reason);
            case REFUNDED, CANCELLED -> new PaymentRejected(orderId, CANCELLED_REASON);
        };
    }

    public static String insufficientBalance(BigDecimal has, BigDecimal needs) {
        return "insufficient balance: has " + has + ", needs " + needs;
    }
}
