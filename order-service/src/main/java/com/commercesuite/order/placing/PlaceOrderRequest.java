package com.commercesuite.order.placing;

import com.commercesuite.events.saga.OrderLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/orders}. */
record PlaceOrderRequest(
        @NotNull @Positive Long userId,
        @NotNull @Size(min = 1, max = OrderLimits.MAX_LINES) List<@NotNull @Valid Item> items,
        @Positive Long couponId) {

    record Item(
            @NotNull @Positive Long productId,
            @NotNull @Min(1) @Max(OrderLimits.MAX_QUANTITY) Integer quantity) {
    }
}
