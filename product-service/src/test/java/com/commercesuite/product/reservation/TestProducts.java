package com.commercesuite.product.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.product.domain.Product;
import com.commercesuite.product.stock.ProductStock;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates the tests' own products through the service's code, and reads back their rows and reservations. */
record TestProducts(ProductStock products, TransactionTemplate transactions, JdbcClient jdbc) {

    long create(int stock, String price) {
        return transactions.execute(status -> products.create("test " + UUID.randomUUID(), new BigDecimal(price), stock)).id();
    }

    void restock(long id, int quantity) {
        transactions.executeWithoutResult(status -> products.restock(id, quantity).orElseThrow());
    }

    Product get(long id) {
        return products.find(id).orElseThrow();
    }

    String status(long orderId) {
        return jdbc.sql("select status from stock_reservations where order_id = ?").param(orderId).query(String.class)
                .optional().orElse("none");
    }

    long countWithStatus(List<Long> orderIds, String status) {
        return jdbc.sql("select count(*) from stock_reservations where order_id = any(?) and status = ?")
                .params(orderIds.toArray(Long[]::new), status).query(Long.class).single();
    }

    /** Units of the product that left with confirmed orders, according to the reservations. */
    long confirmedQuantity(long productId) {
        return jdbc.sql("""
                        select coalesce(sum(l.quantity), 0) from stock_reservation_lines l
                        join stock_reservations r on r.order_id = l.order_id
                        where l.product_id = ? and r.status = 'CONFIRMED'""")
                .param(productId).query(Long.class).single();
    }

    /** Units of the product held by reservations still open. */
    long heldQuantity(long productId) {
        return jdbc.sql("""
                        select coalesce(sum(l.quantity), 0) from stock_reservation_lines l
                        join stock_reservations r on r.order_id = l.order_id
                        where l.product_id = ? and r.status = 'RESERVED'""")
                .param(productId).query(Long.class).single();
    }

    boolean processed(UUID eventId) {
        return jdbc.sql("select count(*) from inbox.processed_event where consumer = ? and event_id = ?")
                .params(ReservingStock.CONSUMER, eventId).query(Long.class).single() == 1;
    }

    /** The invariant: nothing negative, nothing held beyond what is on hand, and every received unit on hand or shipped. */
    void assertBalanced(long productId) {
        Product product = get(productId);
        assertThat(product.stock()).as("stock").isNotNegative();
        assertThat(product.reserved()).as("reserved").isBetween(0, product.stock());
        assertThat(product.stock() + product.shipped()).as("stock + shipped").isEqualTo(product.received());
        assertThat((long) product.shipped()).as("shipped vs confirmed reservations").isEqualTo(confirmedQuantity(productId));
        assertThat((long) product.reserved()).as("reserved vs open reservations").isEqualTo(heldQuantity(productId));
    }
}
