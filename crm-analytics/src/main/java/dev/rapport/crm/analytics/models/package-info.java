/**
 * Probability models of a customer base: BG/NBD and Pareto/NBD for the number of purchases and
 * whether a customer is still active, Gamma-Gamma for spend per purchase, and customer lifetime
 * value. Models are fitted by maximum likelihood; a fit always reports whether it converged.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.rapport.crm.analytics.models;

import org.jspecify.annotations.NullMarked;
