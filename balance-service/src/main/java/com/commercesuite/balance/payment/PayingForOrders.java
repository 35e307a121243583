package com.commercesuite.balance.payment;

import com.commercesuite.balance.domain.EntryKind;
import com.commercesuite.balance.domain.OrderPayment;
import com.commercesuite.balance.domain.OrderPaymentRefunded;
import com.commercesuite.balance.domain.OrderPaymentTaken;
import com.commercesuite.balance.domain.PaymentStatus;
import com.commercesuite.balance.ledger.Ledger;
import com.commercesuite.consumer.PollWriter;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.BalanceCommand;
import com.commercesuite.events.saga.PayOrder;
import com.commercesuite.events.saga.RefundOrder;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.outbox.Outbox;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order saga's payment step. Each command is applied in its poll's transaction together with its
 * inbox record, its ledger entry, its balance-activity event and its reply: a redelivered command changes
 * nothing, and a crash leaves all of it or none.
 */
@Service
class PayingForOrders implements PollWriter<BalanceCommand> {

    static final String CONSUMER = "balance-saga";
    private static final Logger log = LoggerFactory.getLogger(PayingForOrders.class);
    private static final BigDecimal NO_BALANCE = new BigDecimal("0.00");

    private final Ledger ledger;
    private final OrderPayments payments;
    private final Outbox outbox;

    PayingForOrders(Ledger ledger, OrderPayments payments, Outbox outbox) {
        this.ledger = ledger;
        this.payments = payments;
        this.outbox = outbox;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public BalanceCommand read(EventEnvelope envelope) {
        return SagaMessages.read(envelope, BalanceCommand.class);
    }

    /** Locks the balances of the poll's users in id order: one user's orders may be on every partition. */
    @Override
    public void lockAhead(List<BalanceCommand> commands) {
        ledger.lockInIdOrder(commands.stream().map(BalanceCommand::userId).collect(Collectors.toSet()));
    }

    @Override
    @Transactional
    public void write(EventEnvelope envelope, BalanceCommand command) {
        switch (command) {
            case PayOrder pay -> pay(pay);
            case RefundOrder refund -> refund(refund);
        }
    }

    private void pay(PayOrder command) {
        Optional<OrderPayment> known = payments.lock(command.orderId());
        if (known.isPresent()) {
            // Another delivery of PayOrder for this order (a new event id): the same answer, nothing applied.
            log.info("Order {} was already {}: answering PayOrder again", command.orderId(), known.get().status());
            outbox.append(Topic.ORDER_SAGA_REPLIES, known.get().reply());
            return;
        }
        OrderPayment decision = decide(command);
        if (!payments.insert(decision)) {
            throw new DecidedConcurrentlyException(command.orderId());
        }
        outbox.append(Topic.ORDER_SAGA_REPLIES, decision.reply());
    }

    private OrderPayment decide(PayOrder command) {
        long orderId = command.orderId();
        long userId = command.userId();
        BigDecimal amount = command.amount();
        if (amount == null || amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            log.info("Rejected payment of order {} for user {}: invalid amount {}", orderId, userId, amount);
            return new OrderPayment(orderId, userId, null, PaymentStatus.REJECTED, "invalid amount: " + amount);
        }
        amount = amount.setScale(2);
        if (amount.signum() == 0) {
            // A fully discounted order: nothing to take, nothing to write in the ledger.
            log.info("Paid order {} for user {}: nothing to take", orderId, userId);
            return new OrderPayment(orderId, userId, amount, PaymentStatus.PAID, null);
        }
        Optional<BigDecimal> after = ledger.debitIfCovered(userId, amount);
        if (after.isEmpty()) {
            BigDecimal has = ledger.balanceOf(userId).orElse(NO_BALANCE);
            log.info("Rejected payment of order {} for user {}: has {}, needs {}", orderId, userId, has, amount);
            return new OrderPayment(orderId, userId, amount, PaymentStatus.REJECTED,
                    OrderPayment.insufficientBalance(has, amount));
        }
        long entryId = ledger.recordOrderEntry(EntryKind.PAYMENT, userId, orderId, amount, after.get());
        outbox.append(Topic.BALANCE_ACTIVITY, new OrderPaymentTaken(userId, orderId, amount, after.get(), entryId));
        log.info("Paid order {}: took {} from user {}, balance now {} (entry {})", orderId, amount, userId, after.get(), entryId);
        return new OrderPayment(orderId, userId, amount, PaymentStatus.PAID, null);
    }

    private void refund(RefundOrder command) {
        long orderId = command.orderId();
        var tombstone = new OrderPayment(orderId, command.userId(), null, PaymentStatus.CANCELLED, null);
        if (payments.insert(tombstone)) {
            log.info("RefundOrder for order {} before any payment: recorded it cancelled, a later PayOrder is rejected", orderId);
            return;
        }
        OrderPayment known = payments.lock(orderId).orElseThrow();
        if (known.userId() != command.userId()) {
            // The saga refunds the user it charged: this record describes no payment made here.
            log.warn("RefundOrder for order {} names user {}, but the order was {} for user {}: nothing given back",
                    orderId, command.userId(), known.status(), known.userId());
            return;
        }
        switch (known.status()) {
            case PAID -> giveBack(known);
            case REJECTED -> log.info("RefundOrder for order {}: its payment was rejected, nothing to give back", orderId);
            case REFUNDED, CANCELLED -> log.info("RefundOrder for order {}: already {}, nothing to do", orderId, known.status());
        }
    }

    private void giveBack(OrderPayment paid) {
        payments.markRefunded(paid.orderId());
        if (paid.amount().signum() == 0) {
            log.info("Refunded order {}: nothing had been taken", paid.orderId());
            return;
        }
        // The user's row exists: the payment debited it.
        BigDecimal after = ledger.credit(paid.userId(), paid.amount());
        long entryId = ledger.recordOrderEntry(EntryKind.REFUND, paid.userId(), paid.orderId(), paid.amount(), after);
        outbox.append(Topic.BALANCE_ACTIVITY,
                new OrderPaymentRefunded(paid.userId(), paid.orderId(), paid.amount(), after, entryId));
        log.info("Refunded order {}: gave {} back to user {}, balance now {} (entry {})", paid.orderId(), paid.amount(),
                paid.userId(), after, entryId);
    }
}
