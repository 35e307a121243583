package com.commercesuite.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Creates and evolves the outbox tables in their own schema with their own history table, so the
 * library's migrations and the service's never share a version sequence.
 */
final class OutboxSchemaMigration {

    static final String SCHEMA = "outbox";

    OutboxSchemaMigration(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Flyway.configure()
                    .dataSource(new SingleConnectionDataSource(connection, true))
                    .schemas(SCHEMA)
                    .table("outbox_schema_history")
                    .locations("classpath:db/outbox")
                    .load()
                    .migrate();
            // Flyway points the session at the outbox schema; the pooled connection must not keep that.
            try (var statement = connection.createStatement()) {
                statement.execute("RESET search_path");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not migrate the outbox schema", e);
        }
    }
}
