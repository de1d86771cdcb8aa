package dev.rapport.crm.analytics.models;

/**
 * How a model is fitted. The objective maximised is the mean log-likelihood per customer minus
 * {@code l2Penalty} times the sum of the squared parameters (in the model's time unit), as in the
 * lifetimes library; with no penalty it is plain maximum likelihood.
 *
 * <p>The optimiser is deterministic: the same data and options give the same fit on every run.
 *
 * @param l2Penalty the L2 penalty coefficient, finite and not negative; 0 for none
 * @param maxEvaluations budget of objective evaluations for the Nelder-Mead stage, at least 100
 * @param maxNewtonIterations budget of Newton iterations after it, at least 1
 * @param gradientTolerance the fit has converged when the Euclidean norm of the gradient of the
 *     objective (mean log-likelihood per customer) with respect to the log-parameters is at most
 *     this; positive
 * @since 0.1.0
 */
public record FitOptions(double l2Penalty, int maxEvaluations, int maxNewtonIterations, double gradientTolerance) {
    /** Validates the options. */
    public FitOptions {
        if (!Double.isFinite(l2Penalty) || l2Penalty < 0) {
            throw new IllegalArgumentException("l2Penalty must be finite and not negative, was " + l2Penalty);
        }
        if (maxEvaluations < 100) {
            throw new IllegalArgumentException("maxEvaluations must be at least 100, was " + maxEvaluations);
        }
        if (maxNewtonIterations < 1) {
            throw new IllegalArgumentException("maxNewtonIterations must be at least 1, was " + maxNewtonIterations);
        }
        if (!(gradientTolerance > 0) || !Double.isFinite(gradientTolerance)) {
            throw new IllegalArgumentException("gradientTolerance must be positive, was " + gradientTolerance);
        }
    }

    /**
     * The defaults: no penalty, 20,000 evaluations, 100 Newton iterations, gradient tolerance 1e-7.
     *
     * @return the default options
     */
    public static FitOptions defaults() {
        return new FitOptions(0.0, 20_000, 100, 1e-7);
    }

    /**
     * A copy with an L2 penalty.
     *
     * @param penalty the coefficient
     * @return the copy
     */
    public FitOptions withL2Penalty(double penalty) {
        return new FitOptions(penalty, maxEvaluations, maxNewtonIterations, gradientTolerance);
    }

    /**
     * A copy with another evaluation budget.
     *
     * @param evaluations the Nelder-Mead budget
     * @return the copy
     */
    public FitOptions withMaxEvaluations(int evaluations) {
        return new FitOptions(l2Penalty, evaluations, maxNewtonIterations, gradientTolerance);
    }
}
