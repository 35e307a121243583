package com.commercesuite.localsuite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PostgresDdlTests {

    @Test
    void reservedWordOrderIsQuotedEverywhere() {
        assertThat(PostgresDdl.createRole("order", "order")).isEqualTo("CREATE ROLE \"order\" LOGIN PASSWORD 'order'");
        assertThat(PostgresDdl.createDatabase("order", "order")).isEqualTo("CREATE DATABASE \"order\" OWNER \"order\"");
        assertThat(PostgresDdl.alterDatabaseOwner("order_test", "order"))
                .isEqualTo("ALTER DATABASE \"order_test\" OWNER TO \"order\"");
        assertThat(PostgresDdl.revokeConnectFromPublic("order")).isEqualTo("REVOKE CONNECT ON DATABASE \"order\" FROM PUBLIC");
    }

    @Test
    void quotesInsideNamesAndLiteralsAreDoubled() {
        assertThat(PostgresDdl.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(PostgresDdl.quoteLiteral("it's")).isEqualTo("'it''s'");
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresDdl.quoteLiteral("a\\b"));
    }

    @Test
    void everyServiceGetsItsDatabaseAndATestDatabase() {
        assertThat(ServiceDatabase.ALL).extracting(ServiceDatabase::owner)
                .containsExactly("product", "balance", "coupon", "order", "dataplatform", "notification", "outbox");
        assertThat(new ServiceDatabase("order").databases()).containsExactly("order", "order_test");
        assertThat(new ServiceDatabase("order").password()).isEqualTo("order");
    }
}
