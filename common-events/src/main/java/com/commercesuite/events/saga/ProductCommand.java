package com.commercesuite.events.saga;

/** Commands to product-service, on {@code product-commands}. */
public sealed interface ProductCommand extends SagaMessage permits ReserveStock, ReleaseStock, ConfirmStock {
}
