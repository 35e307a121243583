package com.commercesuite.balance.charge;

import java.math.BigDecimal;

/**
 * The answer to a charge, the same on every repeat of its idempotency key.
 *
 * @param amount the balance right after this charge
 */
record ChargeReceipt(long userId, BigDecimal amount, long entryId) {
}
