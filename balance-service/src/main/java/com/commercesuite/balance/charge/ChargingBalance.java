package com.commercesuite.balance.charge;

import com.commercesuite.balance.domain.BalanceCharged;
import com.commercesuite.balance.domain.LedgerEntry;
import com.commercesuite.balance.domain.UserChargedBalance;
import com.commercesuite.balance.ledger.Ledger;
import com.commercesuite.events.Topic;
import com.commercesuite.outbox.Outbox;
import com.commercesuite.web.problems.IdempotencyKeyReusedException;
import java.math.BigDecimal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Charges money onto a balance, once per (user, idempotency key). The ledger's unique constraint on
 * the key is what makes a charge happen once: a repeat, sequential or concurrent, finds the key
 * taken and answers with the first charge's receipt.
 */
@Service
class ChargingBalance {

    private static final Logger log = LoggerFactory.getLogger(ChargingBalance.class);

    private final Ledger ledger;
    private final Outbox outbox;

    ChargingBalance(Ledger ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    @Transactional
    ChargeReceipt charge(long userId, String idempotencyKey, BigDecimal requested) {
        // Validated to at most two decimals, so this is exact: 20 and 20.00 are the same charge.
        BigDecimal amount = requested.setScale(2);
        // The lock orders this user's charges, so the entry's balance_after is exact.
        BigDecimal before = ledger.lockBalance(userId);
        BigDecimal after = before.add(amount);
        Optional<Long> entryId = ledger.recordCharge(userId, idempotencyKey, amount, after);
        if (entryId.isEmpty()) {
            return repeated(userId, idempotencyKey, amount);
        }
        ledger.credit(userId, amount);
        outbox.append(Topic.BALANCE_ACTIVITY, new BalanceCharged(userId, amount, after, idempotencyKey, entryId.get()));
        outbox.append(Topic.USER_ACTIVITY, new UserChargedBalance(userId, amount, after));
        log.info("Charged {} onto user {}'s balance, now {} (entry {}, key {})", amount, userId, after, entryId.get(), idempotencyKey);
        return new ChargeReceipt(userId, after, entryId.get());
    }

    private ChargeReceipt repeated(long userId, String idempotencyKey, BigDecimal amount) {
        LedgerEntry first = ledger.chargeByKey(userId, idempotencyKey).orElseThrow();
        if (first.amount().compareTo(amount) != 0) {
            throw new IdempotencyKeyReusedException("Idempotency-Key '" + idempotencyKey + "' was used for a charge of "
                    + first.amount() + ", not " + amount);
        }
        log.info("Repeated charge for user {} with key {}: answering entry {} again", userId, idempotencyKey, first.entryId());
        return new ChargeReceipt(userId, first.balanceAfter(), first.entryId());
    }
}
