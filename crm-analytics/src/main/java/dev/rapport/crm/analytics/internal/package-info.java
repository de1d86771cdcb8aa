/**
 * Implementation detail of crm-analytics (the maximum-likelihood driver and pattern
 * compression). Not API: may change in any release.
 */
@NullMarked
package dev.rapport.crm.analytics.internal;

import org.jspecify.annotations.NullMarked;
