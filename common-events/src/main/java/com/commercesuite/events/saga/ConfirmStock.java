package com.commercesuite.events.saga;

/** The order completed: the stock held for it leaves the warehouse. */
public record ConfirmStock(long orderId) implements ProductCommand {
}
