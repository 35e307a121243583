package com.commercesuite.balance.charge;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** What a client charges onto a balance: a positive amount in cents precision, at most one million per charge. */
record ChargeRequest(
        @NotNull @Positive @DecimalMax("1000000.00") @Digits(integer = 7, fraction = 2) BigDecimal amount) {
}
