package com.commercesuite.order.viewing;

import com.commercesuite.order.storage.OrderRepository;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where a client follows its orders: one order by id, or a user's latest orders. */
@RestController
class OrderStatusController {

    private static final int MAX_LIMIT = 200;

    private final OrderRepository orders;

    OrderStatusController(OrderRepository orders) {
        this.orders = orders;
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView order(@PathVariable long orderId) {
        return orders.findById(orderId).map(OrderView::of).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    @GetMapping("/api/users/{userId}/orders")
    List<OrderView> ordersOf(@PathVariable long userId, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidLimitException(MAX_LIMIT);
        }
        return orders.findByUser(userId, limit).stream().map(OrderView::of).toList();
    }
}
