package com.commercesuite.balance.ledger;

import com.commercesuite.balance.domain.LedgerEntry;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads a user's balance and ledger. A user with no history has a balance of 0.00 and no entries. */
@RestController
@RequestMapping("/api/balances/{userId}")
class BalanceController {

    static final int MAX_LIMIT = 500;
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private final Ledger ledger;

    BalanceController(Ledger ledger) {
        this.ledger = ledger;
    }

    record BalanceView(long userId, BigDecimal amount) {
    }

    record LedgerView(long userId, List<LedgerEntry> entries) {
    }

    @GetMapping
    BalanceView balance(@PathVariable long userId) {
        UserIds.requirePositive(userId);
        return new BalanceView(userId, ledger.balanceOf(userId).orElse(ZERO));
    }

    @GetMapping("/entries")
    LedgerView entries(@PathVariable long userId, @RequestParam(defaultValue = "50") int limit) {
        UserIds.requirePositive(userId);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidLimitException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return new LedgerView(userId, ledger.newestEntries(userId, limit));
    }
}
