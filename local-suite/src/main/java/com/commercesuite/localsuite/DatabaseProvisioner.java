package com.commercesuite.localsuite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Creates, for each service, a login role, its database and its test database, owned by that
 * role, and shuts other roles out of them. Safe to run again: what exists is brought back to the
 * same state instead of failing.
 *
 * <p>Connects as the superuser {@code postgres} (trust auth on loopback) to {@code 127.0.0.1:5432};
 * env {@code PGHOST} / {@code PGPORT} override host and port, {@code PGPASSWORD} is used if set.
 */
public final class DatabaseProvisioner {

    private static final String SUPERUSER = "postgres";
    /** SQLSTATEs of "already there", met when two provisioners race (bin/test next to bin/suite). */
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String DUPLICATE_OBJECT = "42710";

    private DatabaseProvisioner() {
    }

    public static void main(String[] args) {
        String host = envOr("PGHOST", "127.0.0.1");
        String port = envOr("PGPORT", "5432");
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try {
            provision(url);
        } catch (SQLException e) {
            System.err.println("DatabaseProvisioner: failed against " + url + " as " + SUPERUSER + ": "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
            System.exit(1);
        }
    }

    static void provision(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "local-suite-database-provisioner");
        try (Connection connection = DriverManager.getConnection(url, props)) {
            // CREATE DATABASE refuses to run inside a transaction block.
            connection.setAutoCommit(true);
            for (ServiceDatabase service : ServiceDatabase.ALL) {
                ensureRole(connection, service);
                for (String database : service.databases()) {
                    boolean created = ensureDatabase(connection, database, service.owner());
                    execute(connection, PostgresDdl.revokeConnectFromPublic(database));
                    System.out.printf("database %-17s owner %-13s %s%n", database, service.owner(),
                            created ? "created" : "exists");
                }
            }
        }
    }

    private static void ensureRole(Connection connection, ServiceDatabase service) throws SQLException {
        if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", service.owner())) {
            try {
                execute(connection, PostgresDdl.createRole(service.owner(), service.password()));
                return;
            } catch (SQLException e) {
                if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        execute(connection, PostgresDdl.alterRole(service.owner(), service.password()));
    }

    /** Returns whether the database was created by this call. */
    private static boolean ensureDatabase(Connection connection, String database, String owner) throws SQLException {
        if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
            try {
                execute(connection, PostgresDdl.createDatabase(database, owner));
                return true;
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        execute(connection, PostgresDdl.alterDatabaseOwner(database, owner));
        return false;
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
