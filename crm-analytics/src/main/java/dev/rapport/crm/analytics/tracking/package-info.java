/**
 * Population diagnostics: expected versus actual repeat purchases per period, as data and as an
 * SVG chart.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.rapport.crm.analytics.tracking;

import org.jspecify.annotations.NullMarked;
