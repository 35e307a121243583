package com.commercesuite.coupon.catalog;

import com.commercesuite.coupon.domain.Coupon;
import com.commercesuite.coupon.domain.DiscountType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The coupons table. */
@Repository
public class Coupons {

    private static final String COLUMNS = "id, name, total_quantity, discount_type, discount_value, valid_from, valid_until";

    private final JdbcClient jdbc;

    Coupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Coupon insert(String name, int quantity, DiscountType type, BigDecimal value, Instant validFrom, Instant validUntil) {
        return jdbc.sql("""
                        insert into coupons (name, total_quantity, discount_type, discount_value, valid_from, valid_until)
                        values (:name, :quantity, :type, :value, :validFrom, :validUntil)
                        returning\s""" + COLUMNS)
                .param("name", name)
                .param("quantity", quantity)
                .param("type", type.name())
                .param("value", value)
                .param("validFrom", Timestamp.from(validFrom))
                .param("validUntil", Timestamp.from(validUntil))
                .query(Coupons::coupon)
                .single();
    }

    public Optional<Coupon> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from coupons where id = ?").param(id).query(Coupons::coupon).optional();
    }

    /** Coupons still valid at {@code moment}: the reconciler's work list. */
    public List<Coupon> notExpiredAt(Instant moment) {
        return jdbc.sql("select " + COLUMNS + " from coupons where valid_until > ? order by id")
                .param(Timestamp.from(moment))
                .query(Coupons::coupon)
                .list();
    }

    static Coupon coupon(ResultSet rs, int row) throws SQLException {
        return new Coupon(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getInt("total_quantity"),
                DiscountType.valueOf(rs.getString("discount_type")),
                rs.getBigDecimal("discount_value"),
                rs.getTimestamp("valid_from").toInstant(),
                rs.getTimestamp("valid_until").toInstant());
    }
}
