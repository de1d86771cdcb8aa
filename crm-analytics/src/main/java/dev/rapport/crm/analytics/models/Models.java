package dev.rapport.crm.analytics.models;

import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.internal.Patterns;
import dev.rapport.crm.analytics.summary.CustomerSummary;

/** Helpers shared by the models. */
final class Models {
    private Models() {}

    static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
        }
    }

    static double logSumExp(double u, double v) {
        double m = Math.max(u, v);
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
    }

    static double recency(CustomerSummary c, TimeUnit unit) {
        return unit.convert(c.recency(), c.unit());
    }

    static double age(CustomerSummary c, TimeUnit unit) {
        return unit.convert(c.age(), c.unit());
    }

    static double meanAge(Patterns d) {
        double s = 0;
        for (int i = 0; i < d.size(); i++) {
            s += d.weight[i] * d.age[i];
        }
        double mean = s / d.customers;
        return mean > 0 ? mean : 1.0;
    }

    /** {@code (1 - q^(s-1)) / (s - 1)} for 0 &lt; q &lt;= 1, continuous at s = 1 (where it is -log q). */
    static double powerIntegral(double s, double q) {
        double lq = Math.log(q);
        double e = s - 1;
        if (Math.abs(e * lq) < 1e-12) {
            return -lq;
        }
        return -Math.expm1(e * lq) / e;
    }
}
