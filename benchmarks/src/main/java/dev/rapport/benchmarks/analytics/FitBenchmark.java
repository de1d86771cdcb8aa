package dev.rapport.benchmarks.analytics;

import dev.rapport.crm.analytics.internal.Patterns;
import dev.rapport.crm.analytics.models.BgNbdModel;
import dev.rapport.crm.analytics.models.FitOptions;
import dev.rapport.crm.analytics.models.FitResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fitting BG/NBD to {@code customers} (10^6) simulated from the CDNOW parameters at day
 * resolution ({@link CdnowSimulation}), single shot: Rapport's {@link BgNbdModel#fit(Iterable)}
 * (which compresses the customers into weighted {@code (x, t_x, T)} patterns first; the
 * compression alone is {@code compress_rapport}) beside {@link UncompressedBgNbd}, the same
 * optimiser from the same start on the likelihood summed over every customer. Target: a few
 * seconds; the ratio is the gain of the compression. Each fit prints its patterns, evaluations
 * and estimate.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class FitBenchmark {

    /** The simulated customers, shared by both sides. */
    @State(Scope.Benchmark)
    public static class Customers {
        @Param({"1000000"})
        public int customers;

        CdnowSimulation.Customers data;
        volatile String lastFit = "";

        @Setup(Level.Trial)
        public void setUp() {
            data = CdnowSimulation.simulate(customers, 20_051_997L);
        }

        @TearDown(Level.Iteration)
        public void report() {
            if (!lastFit.isEmpty()) {
                System.out.println();
                System.out.println(lastFit);
                lastFit = "";
            }
        }
    }

    @Benchmark
    public FitResult<BgNbdModel> fitBgNbd_rapport(Customers c) {
        FitResult<BgNbdModel> fit = BgNbdModel.fit(c.data.summaries());
        c.lastFit = "rapport fit: " + fit.customers() + " customers in " + fit.patterns() + " patterns ("
                + String.format("%.1f", fit.customers() / (double) fit.patterns()) + " customers per pattern), "
                + fit.convergence().evaluations() + " evaluations, converged " + fit.converged() + ", LL "
                + fit.logLikelihood() + ", " + fit.parameters();
        return fit;
    }

    @Benchmark
    public Patterns compress_rapport(Customers c) {
        return Patterns.of(c.data.summaries());
    }

    /** No warm-up shot: one shot takes tens of seconds, and the JIT warms up within the first. */
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 2)
    public UncompressedBgNbd.Fit fitBgNbd_uncompressed(Customers c) {
        UncompressedBgNbd.Fit fit = UncompressedBgNbd.fit(c.data, FitOptions.defaults());
        c.lastFit = "uncompressed fit: " + c.data.size() + " customers, " + fit.evaluations()
                + " evaluations, converged " + fit.converged() + ", LL " + fit.logLikelihood() + ", r, alpha, a, b = "
                + java.util.Arrays.toString(fit.parameters());
        return fit;
    }
}
