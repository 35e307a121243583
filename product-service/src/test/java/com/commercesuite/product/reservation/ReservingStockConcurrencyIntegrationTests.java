package com.commercesuite.product.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercesuite.events.saga.ConfirmStock;
import com.commercesuite.events.saga.OrderLine;
import com.commercesuite.events.saga.ProductCommand;
import com.commercesuite.events.saga.ReleaseStock;
import com.commercesuite.events.saga.ReserveStock;
import com.commercesuite.product.domain.Product;
import com.commercesuite.product.stock.ProductStock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The participant's transactions racing each other on the real database, called directly (as many
 * listener threads or service instances would), so that every command truly overlaps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReservingStockConcurrencyIntegrationTests {

    @Autowired
    ReservingStock reserving;

    @Autowired
    ProductStock productStock;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    TestProducts products;

    @BeforeEach
    void products() {
        products = new TestProducts(productStock, transactions, jdbc);
    }

    @Test
    void twentyOrdersRacingForTheLastFiveUnitsGetExactlyFive() throws Exception {
        long product = products.create(5, "1.00");
        List<Long> orders = LongStream.range(0, 20).map(i -> SagaCommands.newOrderId()).boxed().toList();

        race(orders.stream().<ProductCommand>map(order -> new ReserveStock(order, List.of(new OrderLine(product, 1)))).toList());

        assertThat(products.get(product).reserved()).isEqualTo(5);
        assertThat(products.countWithStatus(orders, "RESERVED")).isEqualTo(5);
        assertThat(products.countWithStatus(orders, "REJECTED")).isEqualTo(15);
        products.assertBalanced(product);
    }

    @Test
    void ordersNamingTheSameProductsInOppositeOrderNeverDeadlock() throws Exception {
        long a = products.create(1_000, "1.00");
        long b = products.create(1_000, "2.00");
        List<ProductCommand> commands = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<OrderLine> lines = i % 2 == 0
                    ? List.of(new OrderLine(a, 1), new OrderLine(b, 1))
                    : List.of(new OrderLine(b, 1), new OrderLine(a, 1));
            commands.add(new ReserveStock(SagaCommands.newOrderId(), lines));
        }

        race(commands); // a deadlock would fail one of them with PostgreSQL's "deadlock detected"

        assertThat(products.get(a).reserved()).isEqualTo(20);
        assertThat(products.get(b).reserved()).isEqualTo(20);
    }

    /**
     * A poll holds its locks until it commits: two polls whose first orders name the products in
     * opposite order would each wait for the other's second product, but for the locks taken ahead.
     */
    @Test
    void pollsOfOrdersNamingTheSameProductsInOppositeOrderNeverDeadlock() throws Exception {
        long a = products.create(1_000, "1.00");
        long b = products.create(1_000, "2.00");
        List<Callable<Void>> polls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long first = i % 2 == 0 ? a : b;
            long second = i % 2 == 0 ? b : a;
            List<ProductCommand> poll = List.of(
                    new ReserveStock(SagaCommands.newOrderId(), List.of(new OrderLine(first, 1))),
                    new ReserveStock(SagaCommands.newOrderId(), List.of(new OrderLine(second, 1))));
            polls.add(() -> {
                transactions.executeWithoutResult(status -> {
                    reserving.lockAhead(poll); // as PollApplier does, first in the poll's transaction
                    poll.forEach(command -> reserving.write(SagaCommands.envelopeOf(command), command));
                });
                return null;
            });
        }
        long deadlocksBefore = deadlocks();

        race(List.of(), polls);

        assertThat(products.get(a).reserved()).isEqualTo(10);
        assertThat(products.get(b).reserved()).isEqualTo(10);
        assertThat(deadlocks()).isEqualTo(deadlocksBefore);
    }

    @Test
    void stockBalancesAfterReservationsReleasesConfirmationsAndRestocksAllAtOnce() throws Exception {
        long product = products.create(10, "1.00");
        List<Long> orders = LongStream.range(0, 30).map(i -> SagaCommands.newOrderId()).boxed().toList();
        List<ProductCommand> reserves = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            reserves.add(new ReserveStock(orders.get(i), List.of(new OrderLine(product, 1 + i % 3))));
        }
        List<Callable<Void>> restocks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            restocks.add(() -> {
                products.restock(product, 2);
                return null;
            });
        }

        race(reserves, restocks);
        products.assertBalanced(product);
        List<ProductCommand> endings = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            endings.add(i % 2 == 0 ? new ConfirmStock(orders.get(i)) : new ReleaseStock(orders.get(i)));
        }
        race(endings);

        Product after = products.get(product);
        assertThat(after.received()).isEqualTo(30);
        assertThat(after.reserved()).isZero();
        assertThat(after.shipped()).isPositive();
        products.assertBalanced(product);
    }

    @Test
    void theDatabaseRefusesAnyUpdateThatBreaksTheInvariant() {
        long product = products.create(3, "1.00");

        assertThatThrownBy(() -> jdbc.sql("update products set stock = stock - 1 where id = ?").param(product).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("update products set reserved = 4 where id = ?").param(product).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("update products set stock = 0, shipped = 3, received = 3, reserved = -1 where id = ?")
                .param(product).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        products.assertBalanced(product);
    }

    private long deadlocks() {
        return jdbc.sql("select deadlocks from pg_stat_database where datname = current_database()").query(Long.class).single();
    }

    @SafeVarargs
    private void race(List<ProductCommand> commands, List<Callable<Void>>... others) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (ProductCommand command : commands) {
            tasks.add(() -> {
                reserving.write(SagaCommands.envelopeOf(command), command);
                return null;
            });
        }
        for (List<Callable<Void>> more : others) {
            tasks.addAll(more);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                done.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Void> future : done) {
                future.get(60, TimeUnit.SECONDS); // rethrows any failure, a deadlock included
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
