package dev.rapport.crm.analytics.models;

import dev.rapport.crm.analytics.AnalyticsException;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of fitting a model: the estimate, its log-likelihood, standard errors and how the
 * optimiser ended. A fit that did not converge is still returned, so that its diagnostics can be
 * read, but {@link #model()} refuses it; {@link #lastIterate()} gives the point where the
 * optimiser stopped for those who explicitly want it.
 *
 * @param lastIterate the model at the optimiser's last point (the estimate when converged)
 * @param parameters the parameter estimates with standard errors, in the model's order
 * @param logLikelihood the (unpenalised) log-likelihood of the data at {@code lastIterate}
 * @param convergence how the optimiser ended
 * @param customers customers the model was fitted on
 * @param patterns distinct data patterns after compression (the likelihood's terms)
 * @param <M> the model type
 * @since 0.1.0
 */
public record FitResult<M>(
        M lastIterate,
        List<ParameterEstimate> parameters,
        double logLikelihood,
        Convergence convergence,
        long customers,
        int patterns) {
    /** Validates and copies the result. */
    public FitResult {
        Objects.requireNonNull(lastIterate, "lastIterate");
        Objects.requireNonNull(convergence, "convergence");
        parameters = List.copyOf(parameters);
    }

    /**
     * Whether the fit converged.
     *
     * @return {@link Convergence#converged()}
     */
    public boolean converged() {
        return convergence.converged();
    }

    /**
     * The fitted model.
     *
     * @return the model
     * @throws AnalyticsException if the fit did not converge (the message gives the reason)
     */
    public M model() {
        if (!convergence.converged()) {
            throw new AnalyticsException("the fit did not converge (" + convergence.reason() + ", gradient norm "
                    + convergence.gradientNorm() + " after " + convergence.iterations()
                    + " iterations); use lastIterate() to read the unconverged estimate");
        }
        return lastIterate;
    }
}
