package com.commercesuite.order.viewing;

import com.commercesuite.order.storage.OrderRepository;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a client follows its orders: one order by id, or a user's latest orders.
 *
 * <p>The gateway forwards the authenticated caller as {@code X-User-Id} and {@code X-User-Roles}; it
 * cannot know whose order an id is, so the owner check of a single order happens here. A request
 * without {@code X-User-Id} comes from a trusted internal caller and is answered as before.
 */
@RestController
class OrderStatusController {

    static final String USER_ID_HEADER = "X-User-Id";
    static final String USER_ROLES_HEADER = "X-User-Roles";

    private static final int MAX_LIMIT = 200;

    private final OrderRepository orders;

    OrderStatusController(OrderRepository orders) {
        this.orders = orders;
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView order(@PathVariable long orderId,
            @RequestHeader(name = USER_ID_HEADER, required = false) @Nullable Long callerId,
            @RequestHeader(name = USER_ROLES_HEADER, required = false) @Nullable String callerRoles) {
        OrderView order = orders.findById(orderId).map(OrderView::of).orElseThrow(() -> new OrderNotFoundException(orderId));
        if (callerId != null && !isAdmin(callerRoles) && order.userId() != callerId) {
            throw new OrderOfAnotherUserException(orderId, callerId);
        }
        return order;
    }

    @GetMapping("/api/users/{userId}/orders")
    List<OrderView> ordersOf(@PathVariable long userId, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidLimitException(MAX_LIMIT);
        }
        return orders.findByUser(userId, limit).stream().map(OrderView::of).toList();
    }

    /** Roles travel as a comma-separated list, for example {@code user} or {@code admin,user}. */
    private static boolean isAdmin(@Nullable String roles) {
        if (roles == null) {
            return false;
        }
        for (String role : roles.split(",")) {
            if (role.trim().equals("admin")) {
                return true;
            }
        }
        return false;
    }
}
