/**
 * Per-customer summaries built from dated purchases: frequency (repeat purchase periods),
 * recency, age and the mean value of repeat purchases, each measured in an explicit {@link
 * dev.rapport.crm.analytics.TimeUnit}; and the calibration/holdout split.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.rapport.crm.analytics.summary;

import org.jspecify.annotations.NullMarked;
