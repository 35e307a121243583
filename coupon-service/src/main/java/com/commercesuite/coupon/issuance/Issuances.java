package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.domain.Admission;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** coupon_issuances, and the coupon's durable issued count that moves with it. */
@Repository
class Issuances {

    private final JdbcClient jdbc;

    Issuances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when this call recorded the issuance, false when it was recorded before */
    boolean insert(long couponId, long userId, Instant admittedAt) {
        return jdbc.sql("""
                        insert into coupon_issuances (coupon_id, user_id, admitted_at) values (?, ?, ?)
                        on conflict (coupon_id, user_id) do nothing""")
                .params(couponId, userId, Timestamp.from(admittedAt))
                .update() == 1;
    }

    /**
     * Inserts many issuances in one statement, in key order: two instances whose batches overlap
     * (only after Redis lost admissions) then wait on each other's rows in one order, never in a circle.
     *
     * @return the admissions this call recorded; the others were recorded before
     */
    List<Admission> insertAll(List<Admission> admissions) {
        Set<CouponUser> inserted = new HashSet<>();
        jdbc.sql("""
                        insert into coupon_issuances (coupon_id, user_id, admitted_at)
                        select * from unnest(?::bigint[], ?::bigint[], ?::timestamptz[]) as a(c, u, t) order by c, u
                        on conflict (coupon_id, user_id) do nothing
                        returning coupon_id, user_id""")
                .params(admissions.stream().map(a -> a.coupon().id()).toArray(Long[]::new),
                        admissions.stream().map(Admission::userId).toArray(Long[]::new),
                        admissions.stream().map(a -> Timestamp.from(a.admittedAt())).toArray(Timestamp[]::new))
                .query(rs -> {
                    inserted.add(new CouponUser(rs.getLong(1), rs.getLong(2)));
                });
        return admissions.stream().filter(a -> inserted.contains(new CouponUser(a.coupon().id(), a.userId()))).toList();
    }

    private record CouponUser(long couponId, long userId) {
    }

    /** Counts {@code n} more issuances unless that would pass the quantity; see {@link #countOneMore}. */
    boolean countMore(long couponId, int n) {
        return jdbc.sql("""
                        update coupons set issued_quantity = issued_quantity + ?, updated_at = now()
                        where id = ? and issued_quantity + ? <= total_quantity""")
                .params(n, couponId, n)
                .update() == 1;
    }

    /**
     * Counts one more issuance unless the coupon is fully issued: PostgreSQL's own cap, which only
     * refuses when Redis lost admissions and admitted others in their place.
     */
    boolean countOneMore(long couponId) {
        return jdbc.sql("""
                        update coupons set issued_quantity = issued_quantity + 1, updated_at = now()
                        where id = ? and issued_quantity < total_quantity""")
                .param(couponId)
                .update() == 1;
    }

    long count(long couponId) {
        return jdbc.sql("select issued_quantity from coupons where id = ?").param(couponId).query(Long.class).optional().orElse(0L);
    }

    Set<Long> recordedAmong(long couponId, Collection<Long> userIds) {
        return new HashSet<>(jdbc.sql("select user_id from coupon_issuances where coupon_id = ? and user_id = any(?)")
                .params(couponId, userIds.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    /** One page of the coupon's issuances, by user id, after {@code afterUserId}. */
    Map<Long, Instant> page(long couponId, long afterUserId, int size) {
        Map<Long, Instant> page = new LinkedHashMap<>();
        jdbc.sql("""
                        select user_id, admitted_at from coupon_issuances
                        where coupon_id = ? and user_id > ? order by user_id limit ?""")
                .params(couponId, afterUserId, size)
                .query(rs -> {
                    page.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        return page;
    }
}
