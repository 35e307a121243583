package com.commercesuite.product.catalog;

import com.commercesuite.events.saga.OrderLimits;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** The price fits numeric(19,2) exactly: 17 integer digits, at most 2 decimals, never rounded. */
record CreateProductRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @DecimalMin("0.00") @Digits(integer = OrderLimits.UNIT_PRICE_INTEGER_DIGITS, fraction = 2) BigDecimal price,
        @NotNull @PositiveOrZero Integer stock) {
}
