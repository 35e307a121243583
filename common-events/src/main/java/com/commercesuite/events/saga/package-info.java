/**
 * The order saga's contract: the commands order-service sends to its participants and the replies
 * they send back. Every message belongs to the order (aggregate type {@code order}, aggregate id the
 * order id), so all messages about one order share a partition on each saga topic.
 *
 * <ul>
 *   <li>{@link com.commercesuite.events.Topic#PRODUCT_COMMANDS}: {@link ProductCommand}</li>
 *   <li>{@link com.commercesuite.events.Topic#COUPON_COMMANDS}: {@link CouponCommand}</li>
 *   <li>{@link com.commercesuite.events.Topic#BALANCE_COMMANDS}: {@link BalanceCommand}</li>
 *   <li>{@link com.commercesuite.events.Topic#ORDER_SAGA_REPLIES}: {@link SagaReply}</li>
 * </ul>
 *
 * Participants apply each command at most once per order (the order id is their idempotency key)
 * and answer every forward command with exactly one reply; compensations have no reply.
 */
package com.commercesuite.events.saga;
