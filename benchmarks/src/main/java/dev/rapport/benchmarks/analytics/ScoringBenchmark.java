package dev.rapport.benchmarks.analytics;

import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.models.BgNbdModel;
import dev.rapport.crm.analytics.models.ParetoNbdModel;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring {@link #CUSTOMERS} customers simulated from the CDNOW parameters at day resolution, one
 * thread: P(alive), expected purchases in the next 39 weeks, and both ("score"), with Rapport's BG/NBD
 * and Pareto/NBD at the published CDNOW estimates, beside {@link InlineBgNbd} (the same BG/NBD
 * formulas written inline in a plain loop, the same special functions). Scores are customers per
 * second (one operation is one customer). Target: at least 10^6 customers per second per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
@OperationsPerInvocation(ScoringBenchmark.CUSTOMERS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScoringBenchmark {
    /** Customers scored per invocation. */
    public static final int CUSTOMERS = 100_000;

    /** The customers and the two models. */
    @State(Scope.Benchmark)
    public static class Data {
        List<CustomerSummary> customers;
        final BgNbdModel bgNbd = BgNbdModel.of(
                CdnowSimulation.R, CdnowSimulation.ALPHA, CdnowSimulation.A, CdnowSimulation.B, TimeUnit.WEEK);
        final ParetoNbdModel paretoNbd = ParetoNbdModel.of(
                CdnowSimulation.PNBD_R,
                CdnowSimulation.PNBD_ALPHA,
                CdnowSimulation.PNBD_S,
                CdnowSimulation.PNBD_BETA,
                TimeUnit.WEEK);
        final InlineBgNbd inline =
                new InlineBgNbd(CdnowSimulation.R, CdnowSimulation.ALPHA, CdnowSimulation.A, CdnowSimulation.B);
        final TimeSpan horizon = TimeSpan.of(39, TimeUnit.WEEK);
        final double horizonWeeks = 39;

        @Setup(Level.Trial)
        public void setUp() {
            customers = CdnowSimulation.simulate(CUSTOMERS, 1_997L).summaries();
            for (CustomerSummary c : customers) {
                check(bgNbd.probabilityAlive(c), inline.probabilityAlive(c), c);
                check(bgNbd.expectedPurchases(c, horizon), inline.expectedPurchases(c, horizonWeeks), c);
            }
        }

        private static void check(double rapport, double inline, CustomerSummary c) {
            if (Math.abs(rapport - inline) > 1e-12 * Math.max(1, Math.abs(rapport))) {
                throw new IllegalStateException("inline " + inline + " != Rapport " + rapport + " for " + c);
            }
        }
    }

    // --- BG/NBD, Rapport ---

    @Benchmark
    public double bgNbd_probabilityAlive_rapport(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            sum += d.bgNbd.probabilityAlive(c);
        }
        return sum;
    }

    @Benchmark
    public double bgNbd_expectedPurchases_rapport(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            sum += d.bgNbd.expectedPurchases(c, d.horizon);
        }
        return sum;
    }

    @Benchmark
    public double bgNbd_score_rapport(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            sum += d.bgNbd.probabilityAlive(c) + d.bgNbd.expectedPurchases(c, d.horizon);
        }
        return sum;
    }

    // --- BG/NBD, inline baseline ---

    @Benchmark
    public double bgNbd_probabilityAlive_inline(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            sum += d.inline.probabilityAlive(c);
        }
        return sum;
    }

    @Benchmark
    public double bgNbd_expectedPurchases_inline(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            sum += d.inline.expectedPurchases(c, d.horizonWeeks);
        }
        return sum;
    }

    @Benchmark
    public double bgNbd_score_inline(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            double alive = d.inline.probabilityAlive(c);
            sum += alive + d.inline.expectedPurchases(c, alive, d.horizonWeeks);
        }
        return sum;
    }

    // --- Pareto/NBD, Rapport ---

    @Benchmark
    public double paretoNbd_probabilityAlive_rapport(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            sum += d.paretoNbd.probabilityAlive(c);
        }
        return sum;
    }

    @Benchmark
    public double paretoNbd_expectedPurchases_rapport(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            sum += d.paretoNbd.expectedPurchases(c, d.horizon);
        }
        return sum;
    }

    @Benchmark
    public double paretoNbd_score_rapport(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.customers) {
            sum += d.paretoNbd.probabilityAlive(c) + d.paretoNbd.expectedPurchases(c, d.horizon);
        }
        return sum;
    }
}
