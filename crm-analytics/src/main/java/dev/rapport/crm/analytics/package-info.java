/**
 * Customer-base analytics on plain purchase data: the input types ({@link
 * dev.rapport.crm.analytics.Purchase}), explicit time units ({@link
 * dev.rapport.crm.analytics.TimeUnit}, {@link dev.rapport.crm.analytics.TimeSpan}) and the
 * module's one exception ({@link dev.rapport.crm.analytics.AnalyticsException}).
 *
 * <p>Sub-packages: {@code summary} (per-customer recency/frequency/value summaries,
 * calibration/holdout), {@code models} (BG/NBD, Pareto/NBD, Gamma-Gamma, CLV), {@code rfm} (RFM
 * scores and segments), {@code tracking} (expected vs actual repeat purchases, SVG chart) and
 * {@code special} (the Gauss hypergeometric function). Nothing here touches storage.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.rapport.crm.analytics;

import org.jspecify.annotations.NullMarked;
