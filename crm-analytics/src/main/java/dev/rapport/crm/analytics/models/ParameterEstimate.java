package dev.rapport.crm.analytics.models;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One fitted parameter with its asymptotic standard error.
 *
 * @param name the parameter's name as in the literature ({@code r}, {@code alpha}, ...)
 * @param value the estimate
 * @param standardError from the inverse of the numerical Hessian of the log-likelihood (delta
 *     method from the log-parameters); empty when the Hessian is not positive definite
 * @since 0.1.0
 */
public record ParameterEstimate(String name, double value, OptionalDouble standardError) {
    /** Validates the record. */
    public ParameterEstimate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(standardError, "standardError");
    }

    @Override
    public String toString() {
        return standardError.isPresent()
                ? String.format(java.util.Locale.ROOT, "%s = %.4f (se %.4f)", name, value, standardError.getAsDouble())
                : String.format(java.util.Locale.ROOT, "%s = %.4f (se n/a)", name, value);
    }
}
