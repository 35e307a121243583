package com.commercesuite.dataplatform.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only analytics over the fact tables. Windows are by event time (the order's completedAt),
 * in whole UTC days: {@code days=3} is today and the two days before. A late event counts in the
 * day it completed, whenever it arrived.
 */
@RestController
@RequestMapping("/api/analytics")
class AnalyticsController {

    static final int MAX_DAYS = 365;
    static final int MAX_LIMIT = 100;

    private final AnalyticsQueries queries;
    private final Clock clock;

    AnalyticsController(AnalyticsQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    record BestSeller(long productId, long quantity, BigDecimal revenue) {
    }

    record DailyRevenue(LocalDate day, long orders, BigDecimal revenue) {
    }

    record UserOrders(long userId, long orders, BigDecimal totalAmount, Instant firstCompletedAt, Instant lastCompletedAt) {
    }

    record DailyActivity(LocalDate day, String eventType, long count) {
    }

    @GetMapping("/best-sellers")
    List<BestSeller> bestSellers(@RequestParam(defaultValue = "3") int days,
                                 @RequestParam(defaultValue = "10") int limit) {
        requireWithin("days", days, 1, MAX_DAYS);
        requireWithin("limit", limit, 1, MAX_LIMIT);
        return queries.bestSellers(windowStart(days), limit);
    }

    @GetMapping("/revenue-per-day")
    List<DailyRevenue> revenuePerDay(@RequestParam(defaultValue = "7") int days) {
        requireWithin("days", days, 1, MAX_DAYS);
        return queries.revenuePerDay(windowStart(days));
    }

    @GetMapping("/orders-per-user/{userId}")
    UserOrders ordersPerUser(@PathVariable long userId) {
        return queries.ordersOfUser(userId);
    }

    /** A user's actions (any event type seen on user-activity), counted per UTC day of their occurredAt and type. */
    @GetMapping("/users/{userId}/activity")
    List<DailyActivity> userActivity(@PathVariable long userId, @RequestParam(defaultValue = "7") int days) {
        if (userId < 1) {
            throw new InvalidParameterException("userId", "must be a positive user id, was " + userId);
        }
        requireWithin("days", days, 1, MAX_DAYS);
        return queries.activityOfUser(userId, windowStart(days));
    }

    private Instant windowStart(int days) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static void requireWithin(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidParameterException(parameter, "must be between " + min + " and " + max + ", was " + value);
        }
    }
}
