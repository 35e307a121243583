package com.commercesuite.balance.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a user's ledger.
 *
 * @param idempotencyKey the client's key, for a charge only
 * @param orderId the order, for a payment or a refund only
 */
public record LedgerEntry(
        long entryId,
        long userId,
        EntryKind kind,
        BigDecimal amount,
        BigDecimal balanceAfter,
        String idempotencyKey,
        Long orderId,
        Instant createdAt) {
}
