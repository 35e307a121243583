package com.commercesuite.events.saga;

/** Nothing was taken: the balance is too low ({@code reason} says so). */
public record PaymentRejected(long orderId, String reason) implements SagaReply {
}
