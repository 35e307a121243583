package com.commercesuite.localsuite;

/**
 * The DDL the database provisioner issues. PostgreSQL cannot bind identifiers or the password of
 * CREATE ROLE as parameters, so they are quoted here; quoting every identifier is also what makes
 * {@code order}, a reserved word, usable as a role and database name.
 */
final class PostgresDdl {

    private PostgresDdl() {
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String quoteLiteral(String value) {
        if (value.indexOf('\\') >= 0) {
            // With standard_conforming_strings (the default since 9.1) a backslash is literal, but an
            // E'' string would read it differently: keep the one form we know is right.
            throw new IllegalArgumentException("backslash not supported in a literal: " + value);
        }
        return "'" + value.replace("'", "''") + "'";
    }

    static String createRole(String role, String password) {
        return "CREATE ROLE " + quoteIdentifier(role) + " LOGIN PASSWORD " + quoteLiteral(password);
    }

    /** Re-asserted on every run so a role someone altered by hand comes back to the known state. */
    static String alterRole(String role, String password) {
        return "ALTER ROLE " + quoteIdentifier(role) + " WITH LOGIN PASSWORD " + quoteLiteral(password);
    }

    static String createDatabase(String database, String owner) {
        return "CREATE DATABASE " + quoteIdentifier(database) + " OWNER " + quoteIdentifier(owner);
    }

    static String alterDatabaseOwner(String database, String owner) {
        return "ALTER DATABASE " + quoteIdentifier(database) + " OWNER TO " + quoteIdentifier(owner);
    }

    /**
     * New databases let every role connect (PUBLIC has CONNECT). Revoking it leaves the owner
     * (and superusers) as the only ones in, so a service cannot read another service's tables.
     */
    static String revokeConnectFromPublic(String database) {
        return "REVOKE CONNECT ON DATABASE " + quoteIdentifier(database) + " FROM PUBLIC";
    }
}
