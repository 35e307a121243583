package com.commercesuite.order.placing;

/** The answer to a placement: where to follow the order while its saga runs. */
record OrderAccepted(long orderId, String status, String statusUrl) {
}
