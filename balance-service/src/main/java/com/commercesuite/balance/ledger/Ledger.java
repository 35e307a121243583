package com.commercesuite.balance.ledger;

import com.commercesuite.balance.domain.EntryKind;
import com.commercesuite.balance.domain.LedgerEntry;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The balances and their ledger. Every method runs in the caller's transaction: a change of
 * {@code balances.amount} and the entry that explains it always commit together.
 */
@Repository
public class Ledger {

    private static final String ENTRY_COLUMNS =
            "id, user_id, kind, amount, balance_after, idempotency_key, order_id, created_at";

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's balance; empty for a user with no history. */
    public Optional<BigDecimal> balanceOf(long userId) {
        return jdbc.sql("select amount from balances where user_id = ?")
                .param(userId)
                .query(BigDecimal.class)
                .optional();
    }

    /**
     * Creates the user's balance at zero if missing and locks it until the transaction ends, so
     * that the entry written next knows the exact balance it leaves.
     *
     * @return the balance now
     */
    public BigDecimal lockBalance(long userId) {
        jdbc.sql("insert into balances (user_id) values (?) on conflict (user_id) do nothing")
                .param(userId)
                .update();
        return jdbc.sql("select amount from balances where user_id = ? for update")
                .param(userId)
                .query(BigDecimal.class)
                .single();
    }

    /** Locks the existing balances of these users, in id order, until the transaction ends. */
    public void lockInIdOrder(Collection<Long> userIds) {
        jdbc.sql("select user_id from balances where user_id = any(?) order by user_id for update")
                .param(userIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    /** Adds to an existing balance. @return the new balance */
    public BigDecimal credit(long userId, BigDecimal amount) {
        return jdbc.sql("""
                        update balances set amount = amount + :amount, version = version + 1, updated_at = now()
                        where user_id = :userId
                        returning amount""")
                .param("amount", amount)
                .param("userId", userId)
                .query(BigDecimal.class)
                .single();
    }

    /**
     * Takes the amount only if the balance covers it, in one conditional update: concurrent debits
     * of one user serialise on the row and each re-checks the balance the previous one left.
     *
     * @return the new balance, or empty when the balance is too low or the user has none
     */
    public Optional<BigDecimal> debitIfCovered(long userId, BigDecimal amount) {
        return jdbc.sql("""
                        update balances set amount = amount - :amount, version = version + 1, updated_at = now()
                        where user_id = :userId and amount >= :amount
                        returning amount""")
                .param("amount", amount)
                .param("userId", userId)
                .query(BigDecimal.class)
                .optional();
    }

    /**
     * Records a charge under the client's key, unless that key was used before: the unique
     * constraint decides, so concurrent repeats of one key record exactly one entry (the others
     * wait for the first to commit, then find the key taken).
     *
     * @return the new entry's id, or empty when the key is taken
     */
    public Optional<Long> recordCharge(long userId, String idempotencyKey, BigDecimal amount, BigDecimal balanceAfter) {
        return jdbc.sql("""
                        insert into balance_entries (user_id, kind, amount, balance_after, idempotency_key)
                        values (:userId, 'CHARGE', :amount, :balanceAfter, :key)
                        on conflict (user_id, idempotency_key) do nothing
                        returning id""")
                .param("userId", userId)
                .param("amount", amount)
                .param("balanceAfter", balanceAfter)
                .param("key", idempotencyKey)
                .query(Long.class)
                .optional();
    }

    /** The charge recorded under the key, if any. */
    public Optional<LedgerEntry> chargeByKey(long userId, String idempotencyKey) {
        return jdbc.sql("select " + ENTRY_COLUMNS
                        + " from balance_entries where user_id = ? and idempotency_key = ? and kind = 'CHARGE'")
                .params(userId, idempotencyKey)
                .query(Ledger::entry)
                .optional();
    }

    /** Records a payment or a refund; the constraint allows one of each kind per order. @return its id */
    public long recordOrderEntry(EntryKind kind, long userId, long orderId, BigDecimal amount, BigDecimal balanceAfter) {
        if (kind == EntryKind.CHARGE) {
            throw new IllegalArgumentException("a charge is recorded with its idempotency key");
        }
        return jdbc.sql("""
                        insert into balance_entries (user_id, kind, amount, balance_after, order_id)
                        values (:userId, :kind, :amount, :balanceAfter, :orderId)
                        returning id""")
                .param("userId", userId)
                .param("kind", kind.name())
                .param("amount", amount)
                .param("balanceAfter", balanceAfter)
                .param("orderId", orderId)
                .query(Long.class)
                .single();
    }

    /** The user's ledger, newest first. */
    public List<LedgerEntry> newestEntries(long userId, int limit) {
        return jdbc.sql("select " + ENTRY_COLUMNS
                        + " from balance_entries where user_id = ? order by id desc limit ?")
                .params(userId, limit)
                .query(Ledger::entry)
                .list();
    }

    private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(
                rs.getLong("id"),
                rs.getLong("user_id"),
                EntryKind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("amount"),
                rs.getBigDecimal("balance_after"),
                rs.getString("idempotency_key"),
                rs.getObject("order_id", Long.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
