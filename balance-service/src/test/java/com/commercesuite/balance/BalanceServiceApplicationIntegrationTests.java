package com.commercesuite.balance;

import com.commercesuite.testsupport.ServiceEndpointsContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Boots the whole service against the local PostgreSQL (its balance_test database); Kafka need not be up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BalanceServiceApplicationIntegrationTests extends ServiceEndpointsContract {

    @Override
    protected String applicationName() {
        return "balance-service";
    }

    @Override
    protected String firstTable() {
        return "balances";
    }

    @Override
    protected List<String> firstTableColumns() {
        return List.of("user_id", "amount");
    }

    @Override
    protected List<String> metricNames() {
        return List.of("hikaricp_connections", "jvm_memory", "outbox_backlog_rows", "outbox_oldest_unpublished_age_seconds");
    }
}
