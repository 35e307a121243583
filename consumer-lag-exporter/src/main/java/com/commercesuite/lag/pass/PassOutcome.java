package com.commercesuite.lag.pass;

import com.commercesuite.lag.measure.LagSnapshot;

/**
 * @param complete false when some group, end offset or oldest record could not be read: their
 *                 previous figures were kept ({@code NaN} seconds for an unread oldest record)
 */
record PassOutcome(LagSnapshot snapshot, boolean complete) {
}
