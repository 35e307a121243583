package com.commercesuite.product.stock;

import com.commercesuite.events.Topic;
import com.commercesuite.outbox.Outbox;
import com.commercesuite.product.domain.Product;
import com.commercesuite.product.domain.ProductCreated;
import com.commercesuite.product.domain.ProductStockChanged;
import com.commercesuite.product.domain.StockChange;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The products table and every movement of its stock. Each movement is one conditional UPDATE, so two
 * writers can never both take the last unit, and appends its {@link ProductStockChanged} in the caller's
 * transaction (hence MANDATORY: an update committed on its own would publish nothing).
 */
@Component
public class ProductStock {

    private static final String COLUMNS = "id, name, price, stock, reserved, received, shipped";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    ProductStock(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Adds a product; its initial stock counts as received. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Product create(String name, BigDecimal price, int stock) {
        OffsetDateTime now = now();
        Product product = jdbc.sql("insert into products (name, price, stock, received, created_at, updated_at)"
                        + " values (:name, :price, :stock, :stock, :now, :now) returning " + COLUMNS)
                .param("name", name).param("price", price).param("stock", stock).param("now", now)
                .query(ProductStock::product).single();
        outbox.append(Topic.PRODUCT_ACTIVITY, new ProductCreated(product.id(), product.name(), product.price(), product.stock()));
        if (stock > 0) {
            changed(product, StockChange.RECEIVED, stock, null);
        }
        return product;
    }

    @Transactional(readOnly = true)
    public Optional<Product> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from products where id = ?").param(id).query(ProductStock::product).optional();
    }

    @Transactional(readOnly = true)
    public List<Product> page(int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from products order by id limit :size offset :offset")
                .param("size", size).param("offset", (long) page * size)
                .query(ProductStock::product).list();
    }

    /**
     * Adds units on hand. Empty when the product is unknown.
     *
     * @throws StockLimitExceededException when the running total would no longer fit the column
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Product> restock(long id, int quantity) {
        Optional<Product> restocked = jdbc.sql("update products set stock = stock + :q, received = received + :q,"
                        + " version = version + 1, updated_at = :now"
                        + " where id = :id and received::bigint + :q <= 2147483647 returning " + COLUMNS)
                .param("q", quantity).param("id", id).param("now", now())
                .query(ProductStock::product).optional();
        if (restocked.isEmpty() && find(id).isPresent()) {
            throw new StockLimitExceededException(id, quantity);
        }
        restocked.ifPresent(product -> changed(product, StockChange.RESTOCKED, quantity, null));
        return restocked;
    }

    /**
     * Locks the products' rows in id order, so that two orders sharing products always take the locks in
     * the same order and cannot deadlock. Unknown ids are simply missing from the answer.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Product> lockInIdOrder(Collection<Long> ids) {
        return jdbc.sql("select " + COLUMNS + " from products where id = any(:ids) order by id for update")
                .param("ids", ids.toArray(Long[]::new))
                .query(ProductStock::product).list();
    }

    /** Holds {@code quantity} units for the order, only if that many are available. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Product> reserve(long id, int quantity, long orderId) {
        return move(StockChange.RESERVED, id, quantity, orderId,
                "reserved = reserved + :q", "stock - reserved >= :q");
    }

    /** Gives back units held for the order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Product> release(long id, int quantity, long orderId) {
        return move(StockChange.RELEASED, id, quantity, orderId,
                "reserved = reserved - :q", "reserved >= :q");
    }

    /** The units held for the order leave: off the shelf and out of the reservation. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Product> ship(long id, int quantity, long orderId) {
        return move(StockChange.SHIPPED, id, quantity, orderId,
                "stock = stock - :q, reserved = reserved - :q, shipped = shipped + :q", "reserved >= :q");
    }

    private Optional<Product> move(StockChange change, long id, int quantity, long orderId, String set, String condition) {
        Optional<Product> moved = jdbc.sql("update products set " + set + ", version = version + 1, updated_at = :now"
                        + " where id = :id and " + condition + " returning " + COLUMNS)
                .param("q", quantity).param("id", id).param("now", now())
                .query(ProductStock::product).optional();
        moved.ifPresent(product -> changed(product, change, quantity, orderId));
        return moved;
    }

    private void changed(Product product, StockChange change, int quantity, Long orderId) {
        outbox.append(Topic.PRODUCT_ACTIVITY,
                new ProductStockChanged(product.id(), change, quantity, product.stock(), product.reserved(), orderId));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getLong("id"), rs.getString("name"), rs.getBigDecimal("price"),
                rs.getInt("stock"), rs.getInt("reserved"), rs.getInt("received"), rs.getInt("shipped"));
    }
}
