package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.SuiteCommand;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of the Kafka node that leads the most partitions while orders flow, then the node
 * started again: its partitions get new leaders, the relays and consumers go on, and afterwards
 * every order completed with each step applied once. Runs on the local three-node cluster (the
 * default of bin/test), driving the nodes with {@code bin/suite broker} as a person would.
 */
class BrokerFailoverIntegrationTests {

    private static final int USERS = 10;
    private static final BigDecimal CHARGED = new BigDecimal("10000.00");
    private static final int STOCK = 100_000;
    private static final Duration BETWEEN_ORDERS = Duration.ofMillis(100);

    private final DomainServices services = DomainServices.get();
    private final Api api = new Api(services);
    private final OrderSagaIntegrationTests saga = new OrderSagaIntegrationTests();

    @Test
    void killingTheBusiestBrokerUnderOrderLoadLosesNoOrderAndAppliesNoStepTwice() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, DomainServices.KAFKA))) {
            assumeThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).as("a cluster of three nodes").hasSize(3);
            long product = api.createProduct("failover " + UUID.randomUUID(), "2.50", STOCK);
            List<Long> users = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                users.add(OrderSagaIntegrationTests.newUserId());
                api.charge(users.getLast(), CHARGED.toPlainString());
            }

            var orders = new ConcurrentLinkedQueue<Long>();
            var placing = new AtomicBoolean(true);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<?> load = pool.submit(() -> placeUntilStopped(product, users, orders, placing));
                await("orders flowing").atMost(Duration.ofSeconds(30)).until(() -> orders.size() >= 20);

                int busiest = busiestLeader(catalog(admin));
                long killed = System.nanoTime();
                SuiteCommand.run("broker", "kill", Integer.toString(busiest));
                await("every partition led by a live node").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> catalog(admin), partitionsAll(p -> p.leader() != null && p.leader().id() != busiest));
                long leadersBack = System.nanoTime();
                int placedDuringOutage = orders.size();
                await("orders still accepted without the node").atMost(Duration.ofSeconds(30))
                        .until(() -> orders.size() >= placedDuringOutage + 30);

                long restarted = System.nanoTime();
                SuiteCommand.run("broker", "start", Integer.toString(busiest));
                await("the node back in every in-sync replica set").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> catalog(admin), partitionsAll(p -> p.isr().size() == p.replicas().size()));
                long inSync = System.nanoTime();
                placing.set(false);
                load.get();
                System.out.printf("broker-failover kill -9 of node %d (the busiest leader): every partition led again after %d ms;"
                                + " back in sync %d ms after its start; %d orders placed%n", busiest,
                        TimeUnit.NANOSECONDS.toMillis(leadersBack - killed), TimeUnit.NANOSECONDS.toMillis(inSync - restarted),
                        orders.size());
            }

            List<JsonNode> finished = orders.stream().map(saga::awaitFinished).toList();
            assertThat(finished).as("funded orders of plenty of stock").allSatisfy(o ->
                    assertThat(o.path("status").asString()).as("order %s", o.path("orderId")).isEqualTo("COMPLETED"));
            Map<Long, BigDecimal> paid = finished.stream().collect(Collectors.groupingBy(o -> o.path("userId").asLong(),
                    Collectors.reducing(BigDecimal.ZERO, o -> o.path("finalAmount").decimalValue(), BigDecimal::add)));
            int sold = finished.stream().mapToInt(o -> o.path("items").get(0).path("quantity").asInt()).sum();
            saga.awaitNothingReserved(product, STOCK - sold);
            for (long user : users) {
                assertThat(api.balance(user)).as("balance of %d", user)
                        .isEqualByComparingTo(CHARGED.subtract(paid.getOrDefault(user, BigDecimal.ZERO)));
            }
        }
    }

    private void placeUntilStopped(long product, List<Long> users, Collection<Long> orders, AtomicBoolean placing) {
        int next = 0;
        while (placing.get()) {
            long user = users.get(next++ % users.size());
            orders.add(saga.place(Api.order(user, product, 1, null)));
            try {
                Thread.sleep(BETWEEN_ORDERS); // the pace of the load, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<String, TopicDescription> catalog(Admin admin) throws Exception {
        List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
    }

    private static Predicate<Map<String, TopicDescription>> partitionsAll(Predicate<TopicPartitionInfo> condition) {
        return topics -> topics.values().stream().flatMap(t -> t.partitions().stream()).allMatch(condition);
    }

    private static int busiestLeader(Map<String, TopicDescription> topics) {
        return topics.values().stream().flatMap(t -> t.partitions().stream())
                .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

}
