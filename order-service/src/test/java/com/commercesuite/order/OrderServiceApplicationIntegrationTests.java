package com.commercesuite.order;

import com.commercesuite.testsupport.ServiceEndpointsContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Boots the whole service against the local PostgreSQL (its order_test database); Kafka need not be up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderServiceApplicationIntegrationTests extends ServiceEndpointsContract {

    @Override
    protected String applicationName() {
        return "order-service";
    }

    @Override
    protected String firstTable() {
        return "orders";
    }

    @Override
    protected List<String> firstTableColumns() {
        return List.of("id", "user_id", "status", "total_amount", "idempotency_key", "awaiting_step", "deadline", "final_amount");
    }

    @Override
    protected List<String> metricNames() {
        return List.of("hikaricp_connections", "jvm_memory", "outbox_backlog_rows", "outbox_oldest_unpublished_age_seconds");
    }
}
