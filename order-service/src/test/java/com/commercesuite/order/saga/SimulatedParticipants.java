package com.commercesuite.order.saga;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.EventTypes;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.BalanceCommand;
import com.commercesuite.events.saga.CouponCommand;
import com.commercesuite.events.saga.CouponUseRejected;
import com.commercesuite.events.saga.CouponUsed;
import com.commercesuite.events.saga.OrderLine;
import com.commercesuite.events.saga.OrderPaid;
import com.commercesuite.events.saga.PayOrder;
import com.commercesuite.events.saga.PaymentRejected;
import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.events.saga.ProductCommand;
import com.commercesuite.events.saga.ReserveStock;
import com.commercesuite.events.saga.SagaMessage;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.events.saga.SagaReply;
import com.commercesuite.events.saga.StockReservationRejected;
import com.commercesuite.events.saga.StockReserved;
import com.commercesuite.events.saga.UseCoupon;
import com.commercesuite.testsupport.TopicWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * product-, coupon- and balance-service as the saga sees them, over the real Kafka: reads the
 * command topics from their end (no group, so it never takes records from a real participant) and
 * answers on order-saga-replies as each test scripted it. Only commands about the test's own
 * products, coupons and users are answered; every command and every ORDER_COMPLETED seen is kept
 * by order id, so tests read back exactly what concerned their orders.
 */
final class SimulatedParticipants implements AutoCloseable {

    private static SimulatedParticipants shared;

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicWriter writer;
    private final Thread poller;
    private volatile boolean running = true;

    private final Map<Long, StockScript> stock = new ConcurrentHashMap<>();
    private final Map<Long, CouponScript> coupons = new ConcurrentHashMap<>();
    private final Map<Long, PaymentScript> payments = new ConcurrentHashMap<>();
    private final Map<Long, List<PayOrder>> heldPayments = new ConcurrentHashMap<>();
    private final Map<Long, List<SagaMessage>> commands = new ConcurrentHashMap<>();
    private final Map<Long, List<EventEnvelope>> replies = new ConcurrentHashMap<>();
    private final Map<Long, List<EventEnvelope>> completions = new ConcurrentHashMap<>();

    sealed interface StockScript {
    }

    record InStock(BigDecimal unitPrice) implements StockScript {
    }

    record OutOfStock() implements StockScript {
    }

    sealed interface CouponScript {
    }

    record Discount(BigDecimal amount) implements CouponScript {
    }

    record CouponRefused(String reason) implements CouponScript {
    }

    sealed interface PaymentScript {
    }

    record Pays() implements PaymentScript {
    }

    record PaymentRefused(String reason) implements PaymentScript {
    }

    /** The balance service is down: commands wait (as they would in Kafka) until {@link #resumePayments}. */
    record Down() implements PaymentScript {
    }

    /** One simulator per test JVM, started before the first order: it sees every command from then on. */
    static synchronized SimulatedParticipants shared(String bootstrapServers) {
        if (shared == null) {
            shared = new SimulatedParticipants(bootstrapServers);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private SimulatedParticipants(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = Stream.of(Topic.PRODUCT_COMMANDS, Topic.COUPON_COMMANDS,
                        Topic.BALANCE_COMMANDS, Topic.ORDER_COMPLETED)
                .flatMap(topic -> consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now: whatever is produced after this constructor is seen.
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        writer = new TopicWriter(bootstrapServers);
        poller = Thread.ofPlatform().daemon().name("simulated-participants").start(this::pollLoop);
    }

    void inStock(long productId, String unitPrice) {
        stock.put(productId, new InStock(new BigDecimal(unitPrice)));
    }

    void outOfStock(long productId) {
        stock.put(productId, new OutOfStock());
    }

    void coupon(long couponId, String discount) {
        coupons.put(couponId, new Discount(new BigDecimal(discount)));
    }

    void couponRefused(long couponId, String reason) {
        coupons.put(couponId, new CouponRefused(reason));
    }

    void pays(long userId) {
        payments.put(userId, new Pays());
    }

    void paymentRefused(long userId, String reason) {
        payments.put(userId, new PaymentRefused(reason));
    }

    void paymentsDown(long userId) {
        payments.put(userId, new Down());
    }

    /** The balance service is back: it answers what waited, then every new command. */
    synchronized void resumePayments(long userId) {
        payments.put(userId, new Pays());
        List<PayOrder> waiting = heldPayments.remove(userId);
        if (waiting != null) {
            waiting.forEach(this::answer);
        }
    }

    /** The commands seen for the order, in the order they arrived. */
    List<SagaMessage> commandsFor(long orderId) {
        return List.copyOf(commands.getOrDefault(orderId, List.of()));
    }

    <T extends SagaMessage> List<T> commandsFor(long orderId, Class<T> type) {
        return commandsFor(orderId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The replies this simulator sent for the order. */
    List<EventEnvelope> repliesFor(long orderId) {
        return List.copyOf(replies.getOrDefault(orderId, List.of()));
    }

    Optional<EventEnvelope> replyFor(long orderId, Class<? extends SagaReply> type) {
        String eventType = EventTypes.of(type);
        return repliesFor(orderId).stream().filter(e -> e.eventType().equals(eventType)).findFirst();
    }

    /** ORDER_COMPLETED records seen on order-completed for the order. */
    List<EventEnvelope> completionsFor(long orderId) {
        return List.copyOf(completions.getOrDefault(orderId, List.of()));
    }

    /** Sends a reply as a participant's outbox would: a new event id, keyed by order. */
    EventEnvelope reply(SagaReply reply) {
        EventEnvelope envelope = TopicWriter.envelopeOf(reply);
        send(envelope);
        return envelope;
    }

    /** Sends this very envelope (same event id) again: a redelivery. */
    void send(EventEnvelope envelope) {
        writer.send(Topic.ORDER_SAGA_REPLIES, envelope);
        writer.flush();
        replies.computeIfAbsent(Long.parseLong(envelope.aggregateId()), k -> new CopyOnWriteArrayList<>()).add(envelope);
    }

    private void pollLoop() {
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    onRecord(record);
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // A record this simulator cannot read belongs to someone else: keep going.
            }
        }
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = EventJson.read(record.value());
        } catch (RuntimeException e) {
            return;
        }
        Topic topic = Topic.byName(record.topic()).orElseThrow();
        switch (topic) {
            case ORDER_COMPLETED -> completions
                    .computeIfAbsent(envelope.payload().get("orderId").asLong(), k -> new CopyOnWriteArrayList<>())
                    .add(envelope);
            case PRODUCT_COMMANDS -> onCommand(SagaMessages.read(envelope, ProductCommand.class));
            case COUPON_COMMANDS -> onCommand(SagaMessages.read(envelope, CouponCommand.class));
            case BALANCE_COMMANDS -> onCommand(SagaMessages.read(envelope, BalanceCommand.class));
            default -> {
            }
        }
    }

    private void onCommand(SagaMessage command) {
        commands.computeIfAbsent(command.orderId(), k -> new CopyOnWriteArrayList<>()).add(command);
        switch (command) {
            case ReserveStock reserve -> answer(reserve);
            case UseCoupon use -> answer(use);
            case PayOrder pay -> answer(pay);
            default -> {
                // Compensations and ConfirmStock have no reply: recording them is all.
            }
        }
    }

    private void answer(ReserveStock reserve) {
        List<PricedLine> priced = new ArrayList<>();
        for (OrderLine line : reserve.lines()) {
            StockScript script = stock.get(line.productId());
            if (script == null) {
                return; // not this test's product, or a product whose service "never answers"
            }
            if (script instanceof OutOfStock) {
                reply(new StockReservationRejected(reserve.orderId(), "out of stock: product " + line.productId()));
                return;
            }
            priced.add(new PricedLine(line.productId(), line.quantity(), ((InStock) script).unitPrice()));
        }
        reply(new StockReserved(reserve.orderId(), priced));
    }

    private void answer(UseCoupon use) {
        switch (coupons.get(use.couponId())) {
            case Discount discount -> reply(new CouponUsed(use.orderId(), use.couponId(),
                    discount.amount().min(use.orderAmount())));
            case CouponRefused refused -> reply(new CouponUseRejected(use.orderId(), use.couponId(), refused.reason()));
            case null -> {
            }
        }
    }

    private synchronized void answer(PayOrder pay) {
        switch (payments.get(pay.userId())) {
            case Pays pays -> reply(new OrderPaid(pay.orderId(), pay.amount()));
            case PaymentRefused refused -> reply(new PaymentRejected(pay.orderId(), refused.reason()));
            case Down down -> heldPayments.computeIfAbsent(pay.userId(), k -> new CopyOnWriteArrayList<>()).add(pay);
            case null -> {
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
        writer.close();
    }
}
