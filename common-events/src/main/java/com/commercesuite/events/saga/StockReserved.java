package com.commercesuite.events.saga;

import java.util.List;

/** Every line's stock is held; the lines carry the unit prices the order is charged. */
public record StockReserved(long orderId, List<PricedLine> lines) implements SagaReply {
}
