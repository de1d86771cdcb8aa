package dev.rapport.benchmarks.analytics;

import dev.rapport.crm.analytics.special.Hypergeometric;
import dev.rapport.crm.analytics.summary.CustomerSummary;

/**
 * The scoring baseline: BG/NBD's P(alive) and conditional expectation (equations (10) and (9) of
 * Fader, Hardie &amp; Lee 2005) written inline for summaries already in the model's unit, with the same
 * Gauss hypergeometric function Rapport uses ({@link Hypergeometric#logHyp2f1}). Only for {@code a
 * != 1} and {@code a + b > 1} (true of the CDNOW estimate), which is what Rapport checks for.
 */
final class InlineBgNbd {
    private final double r;
    private final double alpha;
    private final double a;
    private final double b;
    private final double logA;

    InlineBgNbd(double r, double alpha, double a, double b) {
        this.r = r;
        this.alpha = alpha;
        this.a = a;
        this.b = b;
        this.logA = Math.log(a);
    }

    double probabilityAlive(CustomerSummary c) {
        int x = c.frequency();
        if (x == 0) {
            return 1.0;
        }
        double logOdds = logA - Math.log(b + x - 1) + (r + x) * Math.log((alpha + c.age()) / (alpha + c.recency()));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    double expectedPurchases(CustomerSummary c, double horizon) {
        return expectedPurchases(c, probabilityAlive(c), horizon);
    }

    double expectedPurchases(CustomerSummary c, double alive, double horizon) {
        int x = c.frequency();
        double rx = r + x;
        double at = alpha + c.age();
        double bx = b + x;
        double cc = a + bx - 1;
        double logPow = rx * Math.log(at / (at + horizon));
        double bracket = -Math.expm1(logPow + Hypergeometric.logHyp2f1(rx, bx, cc, horizon / (at + horizon)));
        return alive * Math.max(0.0, cc / (a - 1) * bracket);
    }
}
