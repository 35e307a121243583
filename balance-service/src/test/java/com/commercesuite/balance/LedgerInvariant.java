package com.commercesuite.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger's invariant for one user: balance = charges - payments + refunds, and never negative anywhere. */
public final class LedgerInvariant {

    private LedgerInvariant() {
    }

    public static void assertHoldsFor(JdbcClient jdbc, long userId) {
        BigDecimal balance = jdbc.sql("select amount from balances where user_id = ?").param(userId)
                .query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
        BigDecimal fromLedger = jdbc.sql("""
                        select coalesce(sum(case kind when 'PAYMENT' then -amount else amount end), 0)
                        from balance_entries where user_id = ?""")
                .param(userId).query(BigDecimal.class).single();
        long negative = jdbc.sql("select count(*) from balance_entries where user_id = ? and balance_after < 0")
                .param(userId).query(Long.class).single();
        BigDecimal lastBalanceAfter = jdbc.sql("select balance_after from balance_entries where user_id = ? order by id desc limit 1")
                .param(userId).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);

        assertThat(balance).as("balance of user %d", userId).isEqualByComparingTo(fromLedger);
        assertThat(balance).as("balance of user %d", userId).isNotNegative();
        assertThat(negative).as("entries leaving a negative balance").isZero();
        assertThat(lastBalanceAfter).as("balance after the newest entry").isEqualByComparingTo(balance);
    }
}
