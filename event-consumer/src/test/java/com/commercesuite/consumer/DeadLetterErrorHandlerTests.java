package com.commercesuite.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures wait for the infrastructure (retried until they succeed) and which are the record's. */
class DeadLetterErrorHandlerTests {

    @Test
    void aConnectionThatBrokeInTheMiddleOfAPollIsTransient() {
        var closed = new SQLException("Connection is closed", "08003");

        assertThat(DeadLetterErrorHandler.isTransient(new BatchListenerFailedException("poll failed",
                new UncategorizedSQLException("insert", "insert ...", closed), 0))).isTrue();
        assertThat(DeadLetterErrorHandler.isTransient(new TransactionSystemException("Could not commit", closed))).isTrue();
    }

    @Test
    void aRollbackThatFailsOnAConnectionThePoolClosedIsTransient() {
        // What a terminated backend gives: the statement fails (57P01), the pool closes the connection,
        // and the rollback then fails on a connection that carries no SQLState at all.
        var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new SQLException("terminating connection due to administrator command", "57P01"));

        assertThat(DeadLetterErrorHandler.isTransient(new BatchListenerFailedException("poll failed", rollback, 0))).isTrue();
        assertThat(DeadLetterErrorHandler.isTransient(
                new TransactionSystemException("JDBC commit failed", new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aServerOutOfConnectionsOrShuttingDownIsTransient() {
        assertThat(DeadLetterErrorHandler.isTransient(new SQLException("FATAL: too many connections", "53300"))).isTrue();
        assertThat(DeadLetterErrorHandler.isTransient(new SQLException("terminating connection", "57P01"))).isTrue();
    }

    @Test
    void whatTheRecordItselfCausesIsNot() {
        assertThat(DeadLetterErrorHandler.isTransient(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DeadLetterErrorHandler.isTransient(new SQLException("numeric field overflow", "22003"))).isFalse();
        assertThat(DeadLetterErrorHandler.isTransient(new IllegalStateException("no stock"))).isFalse();
    }
}
