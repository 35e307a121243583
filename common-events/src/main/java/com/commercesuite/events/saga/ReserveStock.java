package com.commercesuite.events.saga;

import java.util.List;

/** Hold stock for every line, all or nothing. Answered by {@link StockReserved} or {@link StockReservationRejected}. */
public record ReserveStock(long orderId, List<OrderLine> lines) implements ProductCommand {
}
