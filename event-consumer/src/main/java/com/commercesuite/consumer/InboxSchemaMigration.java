package com.commercesuite.consumer;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The inbox table lives in its own schema with its own Flyway history, apart from the service's migrations. */
final class InboxSchemaMigration {

    InboxSchemaMigration(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Flyway.configure()
                    .dataSource(new SingleConnectionDataSource(connection, true))
                    .schemas("inbox")
                    .table("inbox_schema_history")
                    .locations("classpath:db/inbox")
                    .load()
                    .migrate();
            // Flyway leaves the session on its schema; the pooled connection goes back as it came.
            try (var statement = connection.createStatement()) {
                statement.execute("RESET search_path");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not migrate the inbox schema", e);
        }
    }
}
