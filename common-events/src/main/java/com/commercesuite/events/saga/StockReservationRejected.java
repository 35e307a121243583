package com.commercesuite.events.saga;

/** Nothing was held: a product is unknown or has too little stock ({@code reason} says which). */
public record StockReservationRejected(long orderId, String reason) implements SagaReply {
}
