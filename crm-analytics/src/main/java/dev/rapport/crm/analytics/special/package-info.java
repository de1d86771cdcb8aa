/**
 * Special functions that Hipparchus does not provide: the Gauss hypergeometric function and the
 * generalized exponential integral.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.rapport.crm.analytics.special;

import org.jspecify.annotations.NullMarked;
