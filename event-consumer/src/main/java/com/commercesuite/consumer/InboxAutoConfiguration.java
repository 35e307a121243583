package com.commercesuite.consumer;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@link Inbox}, its schema and its cleanup, and the {@link PollApplier}, for every service with this library and a database. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "commerce.consumer.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class InboxAutoConfiguration {

    @Bean
    InboxSchemaMigration inboxSchemaMigration(DataSource dataSource) {
        return new InboxSchemaMigration(dataSource);
    }

    @Bean
    Inbox inbox(InboxSchemaMigration schema, DataSource dataSource) {
        return new Inbox(new JdbcTemplate(dataSource));
    }

    /** Batch listeners apply a poll in one transaction of the service's database. */
    @Bean
    PollApplier pollApplier(ObjectProvider<PlatformTransactionManager> transactionManager, DataSource dataSource, Inbox inbox) {
        return new PollApplier(transactionManager.getIfAvailable(() -> new DataSourceTransactionManager(dataSource)), inbox);
    }

    @Bean
    InboxCleaner inboxCleaner(InboxSchemaMigration schema, DataSource dataSource, ConsumerProperties properties) {
        var cleaner = new InboxCleaner(new JdbcTemplate(dataSource), properties.inboxRetention());
        cleaner.start(Duration.ofHours(1));
        return cleaner;
    }
}
