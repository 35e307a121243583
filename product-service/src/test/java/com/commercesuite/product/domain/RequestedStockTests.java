package com.commercesuite.product.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.events.saga.OrderLine;
import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.events.saga.StockReservationRejected;
import com.commercesuite.events.saga.StockReserved;
import com.commercesuite.product.domain.RequestedStock.Decision;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestedStockTests {

    private static final BigDecimal PRICE = new BigDecimal("4.20");

    @Test
    void linesAreOnePerProductInProductIdOrderWithRepeatsSummed() {
        var request = RequestedStock.of(1, List.of(new OrderLine(9, 1), new OrderLine(3, 2), new OrderLine(9, 4)));

        assertThat(request.lines()).containsExactly(new OrderLine(3, 2), new OrderLine(9, 5));
        assertThat(request.productIds()).containsExactly(3L, 9L);
    }

    @Test
    void reservesEveryLineAtTheProductsPriceWhenAllAreAvailable() {
        var request = RequestedStock.of(1, List.of(new OrderLine(2, 3), new OrderLine(1, 1)));

        assertThat(request.against(List.of(product(1, 5, 4), product(2, 3, 0))))
                .isEqualTo(new Decision.Reserve(List.of(new PricedLine(1, 1, PRICE), new PricedLine(2, 3, PRICE))));
    }

    @Test
    void rejectsTheWholeOrderNamingTheProductThatIsShort() {
        var request = RequestedStock.of(1, List.of(new OrderLine(1, 1), new OrderLine(2, 2)));

        assertThat(request.against(List.of(product(1, 5, 0), product(2, 5, 4))))
                .isEqualTo(new Decision.Reject("product 2 has 1 available, 2 requested"));
    }

    @Test
    void rejectsAnUnknownProduct() {
        assertThat(RequestedStock.of(1, List.of(new OrderLine(7, 1))).against(List.of()))
                .isEqualTo(new Decision.Reject("product 7 does not exist"));
    }

    @Test
    void rejectsAnOrderWithoutLinesOrWithANonPositiveQuantity() {
        assertThat(RequestedStock.of(1, List.of()).against(List.of())).isEqualTo(new Decision.Reject("the order has no lines"));
        assertThat(RequestedStock.of(1, null).malformed()).contains("the order has no lines");
        assertThat(RequestedStock.of(1, List.of(new OrderLine(1, 0))).against(List.of(product(1, 5, 0))))
                .isEqualTo(new Decision.Reject("quantity of product 1 must be positive, was 0"));
    }

    @Test
    void aRepeatedReserveGetsTheFirstAnswerAgain() {
        var lines = List.of(new PricedLine(1, 2, PRICE));

        assertThat(new Reservation(5, ReservationStatus.RESERVED, null, lines).answerToRepeatedReserve())
                .isEqualTo(new StockReserved(5, lines));
        assertThat(new Reservation(5, ReservationStatus.CONFIRMED, null, lines).answerToRepeatedReserve())
                .isEqualTo(new StockReserved(5, lines));
        assertThat(new Reservation(5, ReservationStatus.REJECTED, "product 1 does not exist", List.of()).answerToRepeatedReserve())
                .isEqualTo(new StockReservationRejected(5, "product 1 does not exist"));
        assertThat(new Reservation(5, ReservationStatus.RELEASED, null, lines).answerToRepeatedReserve())
                .isEqualTo(new StockReservationRejected(5, "order was cancelled"));
    }

    private static Product product(long id, int stock, int reserved) {
        return new Product(id, "p" + id, PRICE, stock, reserved, stock, 0);
    }
}
