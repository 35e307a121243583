package com.commercesuite.order.placing;

import com.commercesuite.order.domain.Order;
import com.commercesuite.order.domain.OrderItem;
import com.commercesuite.web.problems.IdempotencyKeys;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders}: accepted at once (202); the saga decides the outcome, followed at the status URL. */
@RestController
class OrdersController {

    private final PlacingOrders placing;

    OrdersController(PlacingOrders placing) {
        this.placing = placing;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderAccepted> place(@RequestHeader(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        IdempotencyKeys.requireValid(idempotencyKey);
        var seen = new HashSet<Long>();
        for (PlaceOrderRequest.Item item : request.items()) {
            if (!seen.add(item.productId())) {
                throw new DuplicateProductLineException(item.productId());
            }
        }
        List<OrderItem> items = request.items().stream()
                .map(i -> OrderItem.unpriced(i.productId(), i.quantity()))
                .toList();
        Order order = placing.place(request.userId(), idempotencyKey, items, request.couponId());
        String statusUrl = "/api/orders/" + order.id();
        return ResponseEntity.accepted()
                .location(URI.create(statusUrl))
                .body(new OrderAccepted(order.id(), order.status().name(), statusUrl));
    }
}
