package com.commercesuite.product;

import com.commercesuite.testsupport.ServiceEndpointsContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Boots the whole service against the local PostgreSQL (its product_test database). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductServiceApplicationIntegrationTests extends ServiceEndpointsContract {

    @Override
    protected String applicationName() {
        return "product-service";
    }

    @Override
    protected String firstTable() {
        return "products";
    }

    @Override
    protected List<String> firstTableColumns() {
        return List.of("id", "name", "price", "stock", "reserved", "received", "shipped");
    }

    @Override
    protected List<String> metricNames() {
        return List.of("hikaricp_connections", "jvm_memory", "outbox_backlog_rows", "outbox_oldest_unpublished_age_seconds");
    }
}
