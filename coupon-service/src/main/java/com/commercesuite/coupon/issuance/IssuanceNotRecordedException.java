package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.domain.Admission;
import com.commercesuite.web.problems.UnavailableException;
import java.time.Duration;

/**
 * Redis admitted the user but the admission could not be recorded in time (PostgreSQL away or slow).
 * The admission stays in Redis and the reconciler records it, so the user keeps the coupon: the
 * answer is 503, and asking again answers that the user holds it.
 */
class IssuanceNotRecordedException extends UnavailableException {

    IssuanceNotRecordedException(Admission admission, String why) {
        super("the admission of user " + admission.userId() + " to coupon " + admission.coupon().id()
                + " is not recorded yet (" + why + "); it will be, ask again to see it held", Duration.ofSeconds(1));
    }
}
