package com.commercesuite.coupon.issuance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.coupon.issuance.*}: the group commit of admissions. At most {@code maxBatch}
 * admissions share one transaction; a request waits at most {@code answerTimeout} for its batch
 * to commit (after which it is answered 503 and the reconciler records the admission).
 */
@ConfigurationProperties("commerce.coupon.issuance")
record IssuanceProperties(
        @DefaultValue("500") int maxBatch,
        @DefaultValue("4s") Duration answerTimeout) {
}
