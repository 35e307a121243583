package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.TopicTail;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * product-service's database refuses every connection for longer than the order's saga deadline:
 * the stock command waits, the order is cancelled by its deadline, and its compensation waits behind
 * the command. Neither is dead-lettered; once the database takes connections again both are applied
 * in their order, and the stock is whole.
 */
class ParticipantDatabaseOutageIntegrationTests {

    private static final int STOCK = 10;

    private final DomainServices services = DomainServices.get();
    private final Api api = new Api(services);
    private final OrderSagaIntegrationTests saga = new OrderSagaIntegrationTests();

    @Test
    void aCommandAndItsCompensationWaitForTheDatabaseInsteadOfBeingDeadLettered() throws Exception {
        long product = api.createProduct("outage " + UUID.randomUUID(), "3.00", STOCK);
        long user = OrderSagaIntegrationTests.newUserId();
        api.charge(user, "100.00");

        try (var deadLetters = TopicTail.fromNow(DomainServices.KAFKA, Topic.PRODUCT_COMMANDS.topicName() + ".DLT");
                var commands = TopicTail.fromNow(DomainServices.KAFKA, Topic.PRODUCT_COMMANDS);
                Connection owner = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/product_test", "product", "product")) {
            long order;
            refuseConnections(owner);
            try {
                order = saga.place(Api.order(user, product, 2, null));
                JsonNode cancelled = saga.awaitFinished(order);
                assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
                commands.awaitMatching(r -> r.key().equals(Long.toString(order)), 2); // the command and its compensation
            } finally {
                allowConnections(owner);
            }

            saga.awaitNothingReserved(product, STOCK);
            assertThat(deadLetters.matching(r -> r.key().equals(Long.toString(order)))).as("dead-lettered commands").isEmpty();
        }
    }

    /**
     * No new connection to the database (a limit of none for every login but a superuser), and the
     * service's open ones closed: what a database that went away does. This session stays, to undo it.
     */
    private static void refuseConnections(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute("ALTER DATABASE product_test CONNECTION LIMIT 0");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = 'product_test' AND pid <> pg_backend_pid()");
        }
    }

    private static void allowConnections(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute("ALTER DATABASE product_test CONNECTION LIMIT -1");
        }
    }
}
