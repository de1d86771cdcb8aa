package dev.rapport.crm.analytics.models;

import java.util.Objects;

/**
 * How a fit ended.
 *
 * @param converged whether the gradient criterion of {@link FitOptions#gradientTolerance()} was met
 * @param iterations optimiser iterations (Nelder-Mead iterations plus Newton steps)
 * @param evaluations objective evaluations, including those for numerical derivatives
 * @param gradientNorm Euclidean norm of the gradient of the objective (mean log-likelihood per
 *     customer, penalised) with respect to the log-parameters at the result
 * @param reason why the optimiser stopped, in words
 * @since 0.1.0
 */
public record Convergence(boolean converged, int iterations, int evaluations, double gradientNorm, String reason) {
    /** Validates the record. */
    public Convergence {
        Objects.requireNonNull(reason, "reason");
    }
}
