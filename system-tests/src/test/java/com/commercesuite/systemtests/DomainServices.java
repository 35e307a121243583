package com.commercesuite.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The four domain services of one test run, started once for every test class and stopped when
 * the test JVM exits. They use the services' test databases ({@code <name>_test}), Redis database 1
 * (as the coupon-service's own tests) and the local Kafka, with the consumer groups they use in
 * production, so they never replay another run's saga commands from the start.
 */
final class DomainServices {

    /** Short enough for a test to watch an order time out, long enough for a slow machine's saga. */
    static final Duration SAGA_TIMEOUT = Duration.ofSeconds(45);

    static final String KAFKA = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

    private static DomainServices started;

    final ServiceProcess products = service("product-service", "product");
    final ServiceProcess balances = service("balance-service", "balance");
    // Reconciliation every 2 s (30 s in production): a test that kills the service sees the
    // admissions its requests left unrecorded recorded without waiting half a minute. The benchmark
    // keeps production's interval: a pass walks every holder of every coupon it made.
    final ServiceProcess coupons = service("coupon-service", "coupon", "--spring.data.redis.database=1",
            "--commerce.coupon.reconciliation.interval=" + System.getProperty("services.coupon.reconciliation.interval", "2s"));
    final ServiceProcess orders = service("order-service", "order", "--commerce.order.saga.timeout=" + SAGA_TIMEOUT);

    static synchronized DomainServices get() {
        if (started == null) {
            var services = new DomainServices();
            services.all().forEach(ServiceProcess::start);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> services.all().forEach(ServiceProcess::stop)));
            services.all().forEach(ServiceProcess::awaitReady);
            started = services;
        }
        return started;
    }

    List<ServiceProcess> all() {
        return List.of(products, balances, coupons, orders);
    }

    private static ServiceProcess service(String name, String database, String... extra) {
        var arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database + "_test",
                // A database that went away fails a transaction after 3 s rather than Hikari's 30 s, so
                // a test sees many failed deliveries during an outage of a minute, as production does
                // during a longer one.
                "--spring.datasource.hikari.connection-timeout=3000",
                "--spring.kafka.bootstrap-servers=" + KAFKA));
        arguments.addAll(List.of(extra));
        return new ServiceProcess(name, arguments);
    }
}
