package com.commercesuite.coupon.wallet;

import com.commercesuite.coupon.domain.CouponStatus;
import com.commercesuite.coupon.domain.DiscountType;
import com.commercesuite.coupon.domain.UserCoupon;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** user_coupons: the users' wallets. */
@Repository
public class UserCoupons {

    private final JdbcClient jdbc;

    UserCoupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the user did not have it yet */
    boolean add(long couponId, long userId) {
        return jdbc.sql("""
                        insert into user_coupons (coupon_id, user_id, status) values (?, ?, 'AVAILABLE')
                        on conflict (coupon_id, user_id) do nothing""")
                .params(couponId, userId)
                .update() == 1;
    }

    /** Adds many in one statement. @return how many were not in the wallets yet */
    int addAll(List<IssuedCoupon> issued) {
        if (issued.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into user_coupons (coupon_id, user_id, status)
                        select c, u, 'AVAILABLE' from unnest(?::bigint[], ?::bigint[]) as i(c, u)
                        on conflict (coupon_id, user_id) do nothing""")
                .params(issued.stream().map(IssuedCoupon::couponId).toArray(Long[]::new),
                        issued.stream().map(IssuedCoupon::userId).toArray(Long[]::new))
                .update();
    }

    /**
     * Adds the coupon to the wallet if its issuance is recorded, without waiting for the coupon-issue
     * consumer: the saga may ask for a coupon whose 202 was answered before the event was consumed.
     */
    public void catchUpWithIssuance(long couponId, long userId) {
        jdbc.sql("""
                        insert into user_coupons (coupon_id, user_id, status)
                        select coupon_id, user_id, 'AVAILABLE' from coupon_issuances where coupon_id = ? and user_id = ?
                        on conflict (coupon_id, user_id) do nothing""")
                .params(couponId, userId)
                .update();
    }

    /** The user's coupon, locked until the transaction ends. */
    public Optional<UserCoupon> lock(long couponId, long userId) {
        return jdbc.sql("""
                        select coupon_id, user_id, status, used_by_order_id from user_coupons
                        where coupon_id = ? and user_id = ? for update""")
                .params(couponId, userId)
                .query((rs, n) -> new UserCoupon(rs.getLong(1), rs.getLong(2), CouponStatus.valueOf(rs.getString(3)),
                        rs.getObject(4, Long.class)))
                .optional();
    }

    /** AVAILABLE -> USED by the order; false when it was not available. */
    public boolean markUsed(long couponId, long userId, long orderId) {
        return jdbc.sql("""
                        update user_coupons set status = 'USED', used_by_order_id = ?, updated_at = now()
                        where coupon_id = ? and user_id = ? and status = 'AVAILABLE'""")
                .params(orderId, couponId, userId)
                .update() == 1;
    }

    /** USED by this order -> AVAILABLE; false when this order was not using it. */
    public boolean markAvailable(long couponId, long userId, long orderId) {
        return jdbc.sql("""
                        update user_coupons set status = 'AVAILABLE', used_by_order_id = null, updated_at = now()
                        where coupon_id = ? and user_id = ? and status = 'USED' and used_by_order_id = ?""")
                .params(couponId, userId, orderId)
                .update() == 1;
    }

    List<UserCouponView> ofUser(long userId) {
        return jdbc.sql("""
                        select c.id, c.name, c.discount_type, c.discount_value, c.valid_from, c.valid_until,
                               uc.status, uc.used_by_order_id
                        from user_coupons uc join coupons c on c.id = uc.coupon_id
                        where uc.user_id = ? order by uc.received_at, c.id""")
                .param(userId)
                .query((rs, n) -> new UserCouponView(rs.getLong(1), rs.getString(2), DiscountType.valueOf(rs.getString(3)),
                        rs.getBigDecimal(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                        CouponStatus.valueOf(rs.getString(7)), rs.getObject(8, Long.class)))
                .list();
    }
}
