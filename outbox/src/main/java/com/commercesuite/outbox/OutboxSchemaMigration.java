package com.commercesuite.outbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and evolves the outbox tables in their own schema with their own history table, so the
 * library's migrations and the service's never share a version sequence.
 */
final class OutboxSchemaMigration {

    static final String SCHEMA = "outbox";

    OutboxSchemaMigration(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table("outbox_schema_history")
                .locations("classpath:db/outbox")
                .load()
                .migrate();
    }
}
