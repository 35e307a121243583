package com.commercesuite.coupon;

import com.commercesuite.testsupport.ServiceEndpointsContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Boots the whole service against the local PostgreSQL (its coupon_test database) and Redis (database 1). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CouponServiceApplicationIntegrationTests extends ServiceEndpointsContract {

    @Override
    protected String applicationName() {
        return "coupon-service";
    }

    @Override
    protected String firstTable() {
        return "coupons";
    }

    @Override
    protected List<String> firstTableColumns() {
        return List.of("id", "name", "discount_type", "discount_value", "total_quantity", "issued_quantity");
    }

    @Override
    protected List<String> healthComponents() {
        return List.of("db", "redis");
    }

    @Override
    protected List<String> metricNames() {
        return List.of("hikaricp_connections", "jvm_memory", "outbox_backlog_rows", "outbox_oldest_unpublished_age_seconds",
                "coupon_admissions_total", "coupon_reconciliation_repairs_total");
    }
}
