package dev.rapport.crm.analytics.special;

import dev.rapport.crm.analytics.AnalyticsException;
import org.hipparchus.special.Gamma;

/**
 * The Gauss hypergeometric function {@code 2F1(a, b; c; z)} for real parameters and real {@code z
 * <= 1}, as the BG/NBD and Pareto/NBD models need it.
 *
 * <p>How it is computed (written for this module; only the log-gamma function is Hipparchus'):
 *
 * <ul>
 *   <li>{@code 0 <= z <= 0.5}, {@code 0 <= z <= 0.9} when {@code a, b, c > 0} (all terms positive,
 *       so nothing cancels), or a terminating series ({@code a} or {@code b} a non-positive
 *       integer): the defining series, summed with rescaling so large terms do not overflow and
 *       stopped when a bound on the remaining tail is below the double precision of the sum;
 *   <li>otherwise for {@code 0.5 < z < 1}: the linear transformation to {@code 1 - z} (Abramowitz
 *       &amp; Stegun
 *       15.3.6) when {@code c - a - b} is at least 0.001 away from an integer and the
 *       transformation does not cancel (below); otherwise (the
 *       degenerate case, where that formula needs digamma limits) the defining series, which
 *       still converges but slowly as {@code z} approaches 1;
 *   <li>{@code z = 1}: Gauss's theorem when {@code c - a - b > 0};
 *   <li>{@code z < 0}: Pfaff's transformation {@code (1 - z)^-a 2F1(a, c - b; c; z / (z - 1))},
 *       which maps the argument into {@code [0, 1)}.
 * </ul>
 *
 * <p>Accuracy: close to double precision for moderate parameters; a few digits are lost near the
 * degenerate case. The {@code 1 - z} transformation is used only when it keeps about 12 digits:
 * the cancellation in its series and between its two terms is tracked, and when it exceeds four
 * digits (for example with {@code c - a - b} large) the defining series is summed instead, which
 * for positive {@code a, b, c} has no cancellation at all. Thread-safe (stateless).
 *
 * @since 0.1.0
 */
public final class Hypergeometric {
    private static final double EPSILON = 1e-16;
    private static final int MAX_TERMS = 5_000_000;
    private static final double RESCALE = 1e250;
    private static final double LOG_RESCALE = Math.log(RESCALE);
    private static final double DEGENERATE_DISTANCE = 1e-3;
    /** The transformation to 1 - z is refused when it would lose more than 4 digits to cancellation. */
    private static final double MAX_LOST_LOG = Math.log(1e4);
    /** Up to this z a series of positive terms (a, b, c > 0) is summed directly: exact, if slower. */
    private static final double POSITIVE_SERIES_LIMIT = 0.9;

    private Hypergeometric() {}

    /**
     * {@code 2F1(a, b; c; z)}.
     *
     * @param a first numerator parameter
     * @param b second numerator parameter
     * @param c denominator parameter, not a non-positive integer
     * @param z the argument, at most 1 (and exactly 1 only if {@code c - a - b > 0})
     * @return the value
     * @throws AnalyticsException if the arguments are outside the domain, the value overflows a
     *     double, or the series did not converge
     */
    public static double hyp2f1(double a, double b, double c, double z) {
        Signed v = evaluate(a, b, c, z);
        double result = v.sign * Math.exp(v.log);
        if (Double.isInfinite(result)) {
            throw new AnalyticsException(
                    "2F1(" + a + ", " + b + "; " + c + "; " + z + ") overflows a double; use logHyp2f1");
        }
        return result;
    }

    /**
     * The natural logarithm of {@code 2F1(a, b; c; z)}, for arguments where the value is positive
     * (for example all of {@code a, b, c > 0} and {@code 0 <= z < 1}). Does not overflow where
     * {@link #hyp2f1} would.
     *
     * @param a first numerator parameter
     * @param b second numerator parameter
     * @param c denominator parameter, not a non-positive integer
     * @param z the argument, at most 1
     * @return {@code log 2F1(a, b; c; z)}
     * @throws AnalyticsException if the value is not positive or cannot be computed
     */
    public static double logHyp2f1(double a, double b, double c, double z) {
        Signed v = evaluate(a, b, c, z);
        if (v.sign <= 0) {
            throw new AnalyticsException(
                    "2F1(" + a + ", " + b + "; " + c + "; " + z + ") is not positive; its log is undefined");
        }
        return v.log;
    }

    private static Signed evaluate(double a, double b, double c, double z) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c) || !Double.isFinite(z)) {
            throw new AnalyticsException("2F1 arguments must be finite: a=" + a + " b=" + b + " c=" + c + " z=" + z);
        }
        if (isNonPositiveInteger(c)) {
            throw new AnalyticsException("2F1 is undefined for c a non-positive integer, c=" + c);
        }
        if (z > 1) {
            throw new AnalyticsException("2F1 is only implemented for z <= 1, z=" + z);
        }
        if (z == 0 || a == 0 || b == 0) {
            return new Signed(1, 0);
        }
        boolean terminating = isNonPositiveInteger(a) || isNonPositiveInteger(b);
        if (terminating) {
            return series(a, b, c, z);
        }
        if (z < 0) {
            // Pfaff: 2F1(a,b;c;z) = (1-z)^-a 2F1(a, c-b; c; z/(z-1)), argument in (0, 1).
            Signed inner = evaluate(a, c - b, c, z / (z - 1));
            return new Signed(inner.sign, inner.log - a * Math.log1p(-z));
        }
        double d = c - a - b;
        if (z == 1) {
            if (d <= 0) {
                throw new AnalyticsException("2F1(a, b; c; 1) diverges when c - a - b <= 0, c-a-b=" + d);
            }
            return gammaRatio(c, d, c - a, c - b);
        }
        boolean positiveTerms = a > 0 && b > 0 && c > 0;
        if (z <= 0.5
                || (positiveTerms && z <= POSITIVE_SERIES_LIMIT)
                || Math.abs(d - Math.rint(d)) < DEGENERATE_DISTANCE) {
            return series(a, b, c, z);
        }
        // A&S 15.3.6: two series in 1 - z, each converging fast.
        double w = 1 - z;
        Signed g1 = gammaRatio(c, d, c - a, c - b);
        Signed g2 = gammaRatio(c, -d, a, b);
        Signed t1 = g1.sign == 0 ? Signed.ZERO : g1.times(series(a, b, 1 - d, w));
        Signed t2 = g2.sign == 0
                ? Signed.ZERO
                : g2.times(series(c - a, c - b, d + 1, w)).timesLog(d * Math.log(w));
        Signed transformed = t1.plus(t2);
        if (transformed.lostLog <= MAX_LOST_LOG) {
            return transformed;
        }
        // The transformation's terms cancel (e.g. c - a - b large): the defining series still
        // converges, more slowly; keep whichever lost fewer digits.
        Signed direct = series(a, b, c, z);
        return direct.lostLog < transformed.lostLog ? direct : transformed;
    }

    /** {@code Gamma(p) Gamma(q) / (Gamma(r) Gamma(s))}, signed; zero when r or s is a pole. */
    private static Signed gammaRatio(double p, double q, double r, double s) {
        if (isNonPositiveInteger(r) || isNonPositiveInteger(s)) {
            return Signed.ZERO;
        }
        double sign = gammaSign(p) * gammaSign(q) * gammaSign(r) * gammaSign(s);
        return new Signed(sign, logAbsGamma(p) + logAbsGamma(q) - logAbsGamma(r) - logAbsGamma(s));
    }

    private static Signed series(double a, double b, double c, double z) {
        double sum = 1;
        double term = 1;
        double logScale = 0;
        double largest = 1; // the largest |term| or |partial sum|, at the current scale
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            term *= ratio;
            sum += term;
            largest = Math.max(largest, Math.max(Math.abs(term), Math.abs(sum)));
            if (term == 0) {
                return Signed.of(sum, logScale, largest);
            }
            double bound = Math.max(Math.abs(ratio), Math.abs(z));
            // Past the last sign change of a + n, b + n and c + n the ratios settle towards z, so
            // the remaining terms are bounded by a geometric series; before it they may still grow.
            if (bound < 1 && n > 2 && a + n > 0 && b + n > 0 && c + n > 0) {
                double tail = Math.abs(term) * bound / (1 - bound);
                if (tail <= EPSILON * Math.abs(sum)) {
                    return Signed.of(sum, logScale, largest);
                }
            }
            if (Math.abs(sum) > RESCALE || Math.abs(term) > RESCALE) {
                sum /= RESCALE;
                term /= RESCALE;
                largest /= RESCALE;
                logScale += LOG_RESCALE;
            }
        }
        throw new AnalyticsException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") series did not converge in "
                + MAX_TERMS + " terms (z too close to 1)");
    }

    private static boolean isNonPositiveInteger(double x) {
        return x <= 0 && x == Math.rint(x);
    }

    /** log |Gamma(x)| for x not a non-positive integer, by reflection for x <= 0. */
    static double logAbsGamma(double x) {
        if (x > 0) {
            return Gamma.logGamma(x);
        }
        return Math.log(Math.PI) - Math.log(Math.abs(sinPi(x))) - Gamma.logGamma(1 - x);
    }

    static double gammaSign(double x) {
        if (x > 0) {
            return 1;
        }
        return sinPi(x) > 0 ? 1 : -1;
    }

    private static double sinPi(double x) {
        double reduced = x - 2 * Math.rint(x / 2);
        return Math.sin(Math.PI * reduced);
    }

    /**
     * A signed number held as sign and log of the magnitude, with {@code lostLog}: the log of how
     * much larger than the value the quantities it was computed from were (0 when nothing
     * cancelled), a bound on the relative error in units of the rounding error.
     */
    private static final class Signed {
        static final Signed ZERO = new Signed(0, Double.NEGATIVE_INFINITY, 0);
        final double sign;
        final double log;
        final double lostLog;

        Signed(double sign, double log) {
            this(sign, log, 0);
        }

        Signed(double sign, double log, double lostLog) {
            this.sign = sign;
            this.log = log;
            this.lostLog = lostLog;
        }

        static Signed of(double value, double logScale) {
            return of(value, logScale, Math.abs(value));
        }

        /** A value computed from terms as large as {@code largest} (same scale as {@code value}). */
        static Signed of(double value, double logScale, double largest) {
            if (value == 0) {
                return new Signed(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            double lost = Math.max(0, Math.log(largest) - Math.log(Math.abs(value)));
            return new Signed(Math.signum(value), Math.log(Math.abs(value)) + logScale, lost);
        }

        Signed times(Signed o) {
            if (sign == 0 || o.sign == 0) {
                return ZERO;
            }
            return new Signed(sign * o.sign, log + o.log, Math.max(lostLog, o.lostLog));
        }

        Signed timesLog(double logFactor) {
            return sign == 0 ? ZERO : new Signed(sign, log + logFactor, lostLog);
        }

        Signed plus(Signed o) {
            if (sign == 0) {
                return o;
            }
            if (o.sign == 0) {
                return this;
            }
            double max = Math.max(log, o.log);
            double u = Math.exp(log - max);
            double v = Math.exp(o.log - max);
            double sum = sign * u + o.sign * v;
            // Each operand carries its own error, magnified by how much the sum cancels.
            double largest = Math.max(u * Math.exp(lostLog), v * Math.exp(o.lostLog));
            return of(sum, max, largest);
        }
    }
}
