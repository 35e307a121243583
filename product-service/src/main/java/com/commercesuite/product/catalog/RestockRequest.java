package com.commercesuite.product.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

record RestockRequest(@NotNull @Positive Integer quantity) {
}
