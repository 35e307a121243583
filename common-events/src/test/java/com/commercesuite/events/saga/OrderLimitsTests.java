package com.commercesuite.events.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderLimitsTests {

    @Test
    void theLargestOrderTheLimitsAllowFitsAnAmount() {
        BigDecimal largestPrice = new BigDecimal("9".repeat(OrderLimits.UNIT_PRICE_INTEGER_DIGITS) + ".99");
        BigDecimal largestOrder = largestPrice.multiply(BigDecimal.valueOf(OrderLimits.MAX_QUANTITY))
                .multiply(BigDecimal.valueOf(OrderLimits.MAX_LINES));

        assertThat(largestOrder).isEqualByComparingTo(OrderLimits.LARGEST_ORDER_TOTAL);
        assertThat(largestOrder).isLessThanOrEqualTo(OrderLimits.MAX_AMOUNT);
        // One more integer digit of price would not.
        assertThat(largestPrice.multiply(BigDecimal.TEN).multiply(BigDecimal.valueOf(OrderLimits.MAX_QUANTITY))
                .multiply(BigDecimal.valueOf(OrderLimits.MAX_LINES))).isGreaterThan(OrderLimits.MAX_AMOUNT);
    }
}
