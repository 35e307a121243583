package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.domain.AdmissionResult;
import com.commercesuite.coupon.domain.Coupon;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The first-come admission state in Redis, per coupon:
 * {@code coupon:{id}:quantity} (how many may be admitted) and {@code coupon:{id}:holders} (hash
 * userId -> admission time in epoch millis). The braces are a Redis Cluster hash tag: both keys of
 * a coupon live in one slot, so one script can touch both. Keys expire a day after the coupon does.
 */
@Component
class CouponAdmission {

    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private static final RedisScript<Long> ADMIT = RedisScript.of(new ClassPathResource("redis/admit.lua"), Long.class);
    private static final RedisScript<Long> RESTORE_HOLDERS =
            RedisScript.of(new ClassPathResource("redis/restore-holders.lua"), Long.class);

    private final StringRedisTemplate redis;

    CouponAdmission(StringRedisTemplate redis) {
        this.redis = redis;
    }

    static String quantityKey(long couponId) {
        return "coupon:{" + couponId + "}:quantity";
    }

    static String holdersKey(long couponId) {
        return "coupon:{" + couponId + "}:holders";
    }

    /** One atomic step: duplicate, sold out, unknown, or admitted (the user is now a holder). */
    AdmissionResult tryAdmit(Coupon coupon, long userId, Instant admittedAt) {
        Long code = redis.execute(ADMIT, List.of(quantityKey(coupon.id()), holdersKey(coupon.id())),
                Long.toString(userId), Long.toString(admittedAt.toEpochMilli()), Long.toString(expiry(coupon)));
        return AdmissionResult.of(code);
    }

    /** Sets the quantity unless it is there: the last step of seeding, after the holders are back. */
    void openUpTo(Coupon coupon) {
        redis.opsForValue().setIfAbsent(quantityKey(coupon.id()), Integer.toString(coupon.quantity()));
        redis.expireAt(quantityKey(coupon.id()), Instant.ofEpochMilli(expiry(coupon)));
    }

    boolean isOpen(long couponId) {
        return Boolean.TRUE.equals(redis.hasKey(quantityKey(couponId)));
    }

    /** How many users Redis holds as admitted, or empty when the coupon's state is not in Redis. */
    OptionalLong holderCount(long couponId) {
        if (!isOpen(couponId)) {
            return OptionalLong.empty();
        }
        Long size = redis.opsForHash().size(holdersKey(couponId));
        return OptionalLong.of(size == null ? 0 : size);
    }

    /** HSETNX each holder: adds what Redis lost, keeps what it has. Returns how many were added. */
    long restoreHolders(Coupon coupon, Map<Long, Instant> holders) {
        if (holders.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>(holders.size() * 2 + 1);
        holders.forEach((userId, admittedAt) -> {
            args.add(Long.toString(userId));
            args.add(Long.toString(admittedAt.toEpochMilli()));
        });
        args.add(Long.toString(expiry(coupon)));
        Long added = redis.execute(RESTORE_HOLDERS, List.of(holdersKey(coupon.id())), args.toArray());
        return added == null ? 0 : added;
    }

    /** Takes an admission back: only when PostgreSQL refused it (the coupon was already fully issued there). */
    void release(long couponId, long userId) {
        redis.opsForHash().delete(holdersKey(couponId), Long.toString(userId));
    }

    /** Walks the holders in batches (HSCAN: never one huge reply, never blocks Redis). */
    void forEachHolderBatch(long couponId, int batchSize, Consumer<Map<Long, Instant>> batchConsumer) {
        var options = ScanOptions.scanOptions().count(batchSize).build();
        Map<Long, Instant> batch = new LinkedHashMap<>();
        try (Cursor<Map.Entry<Object, Object>> cursor = redis.opsForHash().scan(holdersKey(couponId), options)) {
            while (cursor.hasNext()) {
                Map.Entry<Object, Object> entry = cursor.next();
                batch.put(Long.parseLong((String) entry.getKey()), Instant.ofEpochMilli(Long.parseLong((String) entry.getValue())));
                if (batch.size() >= batchSize) {
                    batchConsumer.accept(batch);
                    batch = new LinkedHashMap<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            batchConsumer.accept(batch);
        }
    }

    private static long expiry(Coupon coupon) {
        return coupon.validUntil().plus(KEPT_AFTER_EXPIRY).toEpochMilli();
    }
}
