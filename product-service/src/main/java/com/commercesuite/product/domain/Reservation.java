package com.commercesuite.product.domain;

import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.events.saga.SagaReply;
import com.commercesuite.events.saga.StockReservationRejected;
import com.commercesuite.events.saga.StockReserved;
import java.util.List;

/** What product-service decided for one order, and the lines it holds (empty unless it reserved). */
public record Reservation(long orderId, ReservationStatus status, String reason, List<PricedLine> lines) {

    public static final String CANCELLED = "order was cancelled";

    /** A ReserveStock for an order already decided gets the first answer again and changes nothing. */
    public SagaReply answerToRepeatedReserve() {
        return switch (status) {
            case RESERVED, CONFIRMED -> new StockReserved(orderId, lines);
            case REJECTED -> new StockReservationRejected(orderId, reason);
            case RELEASED -> new StockReservationRejected(orderId, CANCELLED);
        };
    }
}
