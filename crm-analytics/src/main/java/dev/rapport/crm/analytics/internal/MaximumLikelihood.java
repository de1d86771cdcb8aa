package dev.rapport.crm.analytics.internal;

import dev.rapport.crm.analytics.models.Convergence;
import dev.rapport.crm.analytics.models.FitOptions;
import dev.rapport.crm.analytics.models.ParameterEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Deterministic maximum likelihood on log-parameters.
 *
 * <p>Stage 1: Hipparchus' Nelder-Mead simplex from the given start. Stage 2 (written here): Newton
 * steps with a central-difference gradient and Hessian, a Levenberg shift when the Hessian is not
 * positive definite, and a backtracking line search, until the gradient norm meets the tolerance.
 * Standard errors come from the inverse of the numerical Hessian of the total log-likelihood in
 * log-parameters, mapped to the natural parameters by the delta method ({@code se(theta) = theta
 * se(log theta)}), which is exact at a stationary point.
 */
public final class MaximumLikelihood {
    private static final double GRADIENT_STEP = 1e-5;
    private static final double HESSIAN_STEP = 1e-4;

    private MaximumLikelihood() {}

    /** The outcome: natural parameters, log-likelihood, convergence and standard errors. */
    public record Outcome(
            double[] parameters, double logLikelihood, Convergence convergence, List<ParameterEstimate> estimates) {}

    /**
     * Maximises a log-likelihood.
     *
     * @param names parameter names
     * @param logLikelihood total (weighted) log-likelihood of natural parameters, all positive
     * @param weight total weight (number of customers), to form the mean
     * @param start the starting natural parameters, all positive
     * @param options penalty, budgets and tolerance
     * @return the outcome
     */
    public static Outcome maximize(
            List<String> names,
            ToDoubleFunction<double[]> logLikelihood,
            double weight,
            double[] start,
            FitOptions options) {
        int dim = start.length;
        int[] evaluations = {0};
        ToDoubleFunction<double[]> objective = phi -> {
            evaluations[0]++;
            double[] theta = exp(phi);
            double ll = logLikelihood.applyAsDouble(theta);
            double penalty = 0;
            for (double t : theta) {
                penalty += t * t;
            }
            double f = -ll / weight + options.l2Penalty() * penalty;
            return Double.isFinite(f) ? f : Double.MAX_VALUE;
        };

        double[] phi = new double[dim];
        for (int i = 0; i < dim; i++) {
            phi[i] = Math.log(start[i]);
        }
        int iterations = 0;
        String reason;
        // Stage 1: Nelder-Mead (Hipparchus).
        try {
            SimplexOptimizer nm = new SimplexOptimizer(1e-10, 1e-12);
            PointValuePair p = nm.optimize(
                    new MaxEval(options.maxEvaluations()),
                    new ObjectiveFunction(x -> objective.applyAsDouble(x)),
                    GoalType.MINIMIZE,
                    new InitialGuess(phi),
                    new NelderMeadSimplex(dim, 0.5));
            phi = p.getPoint();
            iterations += nm.getIterations();
            reason = "Nelder-Mead converged";
        } catch (MathRuntimeException e) {
            // Evaluation budget exhausted: continue from the start with Newton; reported below.
            reason = "Nelder-Mead budget exhausted";
        }

        // Stage 2: Newton polish.
        double f = objective.applyAsDouble(phi);
        double[] g = gradient(objective, phi);
        double gnorm = norm(g);
        int newton = 0;
        while (gnorm > options.gradientTolerance() && newton < options.maxNewtonIterations()) {
            newton++;
            double[][] h = hessian(objective, phi);
            double[] step = newtonStep(h, g);
            double t = 1;
            boolean improved = false;
            for (int k = 0; k < 40; k++) {
                double[] candidate = new double[dim];
                for (int i = 0; i < dim; i++) {
                    candidate[i] = phi[i] + t * step[i];
                }
                double fc = objective.applyAsDouble(candidate);
                if (fc <= f) {
                    phi = candidate;
                    f = fc;
                    improved = true;
                    break;
                }
                t /= 2;
            }
            g = gradient(objective, phi);
            gnorm = norm(g);
            if (!improved) {
                reason = "line search found no improvement";
                break;
            }
        }
        iterations += newton;
        boolean converged = gnorm <= options.gradientTolerance() && Double.isFinite(f) && f != Double.MAX_VALUE;
        if (converged) {
            reason = "gradient norm " + gnorm + " <= tolerance " + options.gradientTolerance() + " (" + reason
                    + ", then " + newton + " Newton steps)";
        } else if (!reason.startsWith("line search")) {
            reason = !Double.isFinite(f) || f == Double.MAX_VALUE
                    ? "log-likelihood not finite at the last point"
                    : "iteration budget exhausted (" + reason + ", then " + newton + " Newton steps)";
        }

        double[] theta = exp(phi);
        double ll = logLikelihood.applyAsDouble(theta);
        List<ParameterEstimate> estimates = new ArrayList<>();
        Optional<double[][]> cov = covariance(hessian(objective, phi), weight);
        if (converged && cov.isEmpty()) {
            converged = false;
            reason = "the gradient vanishes but the Hessian is not positive definite: no proper maximum (a parameter"
                    + " runs to 0 or infinity, or the data cannot identify the model, e.g. no repeat purchases)";
        }
        for (int i = 0; i < dim; i++) {
            OptionalDouble se = cov.isPresent() && cov.get()[i][i] >= 0
                    ? OptionalDouble.of(theta[i] * Math.sqrt(cov.get()[i][i]))
                    : OptionalDouble.empty();
            estimates.add(new ParameterEstimate(names.get(i), theta[i], se));
        }
        Convergence convergence = new Convergence(converged, iterations, evaluations[0], gnorm, reason);
        return new Outcome(theta, ll, convergence, estimates);
    }

    private static Optional<double[][]> covariance(double[][] meanHessian, double weight) {
        RealMatrix m = MatrixUtils.createRealMatrix(meanHessian).scalarMultiply(weight);
        try {
            return Optional.of(new CholeskyDecomposition(m, 1e-12, 1e-14)
                    .getSolver()
                    .getInverse()
                    .getData());
        } catch (MathRuntimeException e) {
            return Optional.empty();
        }
    }

    private static double[] newtonStep(double[][] h, double[] g) {
        int n = g.length;
        double shift = 0;
        for (int attempt = 0; attempt < 30; attempt++) {
            RealMatrix m = MatrixUtils.createRealMatrix(h);
            for (int i = 0; i < n; i++) {
                m.addToEntry(i, i, shift);
            }
            try {
                double[] d = new CholeskyDecomposition(m, 1e-12, 1e-14)
                        .getSolver()
                        .solve(MatrixUtils.createRealVector(g))
                        .toArray();
                for (int i = 0; i < n; i++) {
                    d[i] = -d[i];
                }
                return d;
            } catch (MathRuntimeException e) {
                shift = shift == 0 ? 1e-6 : shift * 10;
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];
        }
        return d;
    }

    static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += GRADIENT_STEP;
            m[i] -= GRADIENT_STEP;
            g[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * GRADIENT_STEP);
        }
        return g;
    }

    static double[][] hessian(ToDoubleFunction<double[]> f, double[] x) {
        int n = x.length;
        double h = HESSIAN_STEP;
        double[][] out = new double[n][n];
        double f0 = f.applyAsDouble(x);
        for (int i = 0; i < n; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += h;
            m[i] -= h;
            out[i][i] = (f.applyAsDouble(p) - 2 * f0 + f.applyAsDouble(m)) / (h * h);
            for (int j = 0; j < i; j++) {
                double[] pp = x.clone();
                double[] pm = x.clone();
                double[] mp = x.clone();
                double[] mm = x.clone();
                pp[i] += h;
                pp[j] += h;
                pm[i] += h;
                pm[j] -= h;
                mp[i] -= h;
                mp[j] += h;
                mm[i] -= h;
                mm[j] -= h;
                double v = (f.applyAsDouble(pp) - f.applyAsDouble(pm) - f.applyAsDouble(mp) + f.applyAsDouble(mm))
                        / (4 * h * h);
                out[i][j] = v;
                out[j][i] = v;
            }
        }
        return out;
    }

    private static double[] exp(double[] phi) {
        double[] t = new double[phi.length];
        for (int i = 0; i < phi.length; i++) {
            t[i] = Math.exp(phi[i]);
        }
        return t;
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
