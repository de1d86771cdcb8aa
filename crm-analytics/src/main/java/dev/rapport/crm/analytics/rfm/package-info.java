/**
 * Recency, frequency and monetary (RFM) scores with an explicit tie policy, and named segments
 * over those scores.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.rapport.crm.analytics.rfm;

import org.jspecify.annotations.NullMarked;
