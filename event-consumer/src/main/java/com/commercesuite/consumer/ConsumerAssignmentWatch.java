package com.commercesuite.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Notices a listener that holds no partition while its group leaves some partition without an
 * owner, the way a consumer sits after a broker restart left its group unable to join: it polls
 * without error and reads nothing. After {@code stuck-after} such a listener counts as stuck until
 * it holds a partition again: the gauge {@code commerce.consumer.stuck} says so, the
 * {@code kafkaConsumers} health (part of readiness) is down, and the watch restarts its container
 * (at most once per {@code stuck-after}), which joins the group afresh. A spare
 * member of a group whose partitions all have owners is not stuck; a group the broker cannot
 * describe counts as one without owners.
 */
class ConsumerAssignmentWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerAssignmentWatch.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 5;

    private final KafkaListenerEndpointRegistry registry;
    private final KafkaAdmin kafkaAdmin;
    private final ConsumerProperties.AssignmentWatch settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, ListenerAssignment> listeners = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private Admin admin;

    ConsumerAssignmentWatch(KafkaListenerEndpointRegistry registry, KafkaAdmin kafkaAdmin,
            ConsumerProperties.AssignmentWatch settings, MeterRegistry meters, Clock clock) {
        this.registry = registry;
        this.kafkaAdmin = kafkaAdmin;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** The listeners seen by the last check, stuck or not. */
    Collection<ListenerAssignment> listeners() {
        return List.copyOf(listeners.values());
    }

    boolean stuck(ListenerAssignment listener) {
        return listener.stuck(clock.instant(), settings.stuckAfter());
    }

    void check() {
        Instant now = clock.instant();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            if (!container.isRunning() || container.getListenerId() == null) {
                continue;
            }
            String id = container.getListenerId();
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            ListenerAssignment previous = listeners.computeIfAbsent(id, this::register);
            ListenerAssignment next = assigned != null && !assigned.isEmpty() || groupFullyOwned(container)
                    ? ListenerAssignment.assigned(id, container.getGroupId(), assigned == null ? 0 : assigned.size())
                    : previous.unassigned(now);
            listeners.put(id, next);
            if (next.restartDue(now, settings.stuckAfter())) {
                restart(container, next, now);
            }
        }
    }

    private ListenerAssignment register(String id) {
        MessageListenerContainer container = registry.getListenerContainer(id);
        String group = container == null ? "" : String.valueOf(container.getGroupId());
        Gauge.builder("commerce.consumer.stuck", () -> {
                    ListenerAssignment current = listeners.get(id);
                    return current != null && stuck(current) ? 1 : 0;
                })
                .description("1 while the listener has held no partition for longer than commerce.consumer.assignment-watch.stuck-after although its group has partitions without an owner")
                .tags("listener", id, "group", group).register(meters);
        return ListenerAssignment.assigned(id, group, 0);
    }

    private void restart(MessageListenerContainer container, ListenerAssignment listener, Instant now) {
        log.warn("listener {} of group {} has held no partition since {} while its group has partitions without an owner: restarting its container",
                listener.listenerId(), listener.groupId(), listener.unassignedSince());
        Counter.builder("commerce.consumer.restarts").description("Listener containers restarted because they were stuck without partitions")
                .tags("listener", listener.listenerId(), "group", listener.groupId()).register(meters).increment();
        container.stop();
        container.start();
        listeners.put(listener.listenerId(), listener.restarted(now));
    }

    /** True when every partition of the listener's topics has an owner in its group, as the broker sees it. */
    private boolean groupFullyOwned(MessageListenerContainer container) {
        String[] topics = container.getContainerProperties().getTopics();
        if (topics == null || topics.length == 0) {
            return false;
        }
        try {
            ConsumerGroupDescription group = admin().describeConsumerGroups(List.of(container.getGroupId()))
                    .describedGroups().get(container.getGroupId()).get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Set<TopicPartition> owned = new HashSet<>();
            for (MemberDescription member : group.members()) {
                owned.addAll(member.assignment().topicPartitions());
            }
            Map<String, TopicDescription> described = admin().describeTopics(List.of(topics)).allTopicNames()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return described.values().stream().flatMap(topic -> topic.partitions().stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition()))).allMatch(owned::contains);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("could not describe group {}: {}", container.getGroupId(), e.toString());
            return false;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("consumer-assignment-watch").daemon().factory());
        long interval = settings.checkInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("consumer assignment check failed", e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** After the listener containers start, and stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
