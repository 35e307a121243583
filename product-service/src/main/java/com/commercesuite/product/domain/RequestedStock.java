package com.commercesuite.product.domain;

import com.commercesuite.events.saga.OrderLine;
import com.commercesuite.events.saga.PricedLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a ReserveStock asks for: one line per product (repeated products summed), in product-id order,
 * which is also the order the rows are locked in. Pure decision logic, no infrastructure.
 */
public record RequestedStock(long orderId, List<OrderLine> lines) {

    public static RequestedStock of(long orderId, List<OrderLine> lines) {
        Map<Long, Long> quantities = new TreeMap<>();
        for (OrderLine line : lines == null ? List.<OrderLine>of() : lines) {
            quantities.merge(line.productId(), (long) line.quantity(), Long::sum);
        }
        List<OrderLine> merged = new ArrayList<>();
        quantities.forEach((productId, quantity) ->
                merged.add(new OrderLine(productId, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, quantity)))));
        return new RequestedStock(orderId, List.copyOf(merged));
    }

    public List<Long> productIds() {
        return lines.stream().map(OrderLine::productId).toList();
    }

    /** A request no stock level could satisfy, whatever the products hold. */
    Optional<String> malformed() {
        if (lines.isEmpty()) {
            return Optional.of("the order has no lines");
        }
        return lines.stream()
                .filter(line -> line.quantity() <= 0)
                .findFirst()
                .map(line -> "quantity of product " + line.productId() + " must be positive, was " + line.quantity());
    }

    /** All lines or none: the first product that is unknown or short decides the refusal. */
    public Decision against(List<Product> products) {
        Optional<String> malformed = malformed();
        if (malformed.isPresent()) {
            return new Decision.Reject(malformed.get());
        }
        Map<Long, Product> byId = products.stream().collect(Collectors.toMap(Product::id, Function.identity()));
        List<PricedLine> priced = new ArrayList<>();
        for (OrderLine line : lines) {
            Product product = byId.get(line.productId());
            if (product == null) {
                return new Decision.Reject("product " + line.productId() + " does not exist");
            }
            if (product.available() < line.quantity()) {
                return new Decision.Reject("product " + line.productId() + " has " + product.available()
                        + " available, " + line.quantity() + " requested");
            }
            priced.add(new PricedLine(line.productId(), line.quantity(), product.price()));
        }
        return new Decision.Reserve(List.copyOf(priced));
    }

    public sealed interface Decision {

        /** Hold every line, charged at these unit prices. */
        record Reserve(List<PricedLine> lines) implements Decision {
        }

        record Reject(String reason) implements Decision {
        }
    }
}
