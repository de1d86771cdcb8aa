package dev.rapport.benchmarks.analytics;

import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.internal.Patterns;
import dev.rapport.crm.analytics.models.BgNbdModel;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of the BG/NBD log-likelihood of {@code customers} (10^6) simulated from the CDNOW
 * parameters at day resolution, at the CDNOW estimate, both sides through Rapport's own per-customer
 * {@link BgNbdModel#logLikelihood(CustomerSummary)}: over the compressed {@code (x, t_x, T)}
 * patterns with weights (what the fit sums at each evaluation) beside the same over every customer.
 * The ratio is the compression factor, net of the loop's memory traffic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LikelihoodBenchmark {

    /** Customers, their patterns as summaries with weights, and the model. */
    @State(Scope.Benchmark)
    public static class Data {
        @Param({"1000000"})
        public int customers;

        List<CustomerSummary> all;
        CustomerSummary[] patterns;
        double[] weights;
        final BgNbdModel model = BgNbdModel.of(
                CdnowSimulation.R, CdnowSimulation.ALPHA, CdnowSimulation.A, CdnowSimulation.B, TimeUnit.WEEK);

        @Setup(Level.Trial)
        public void setUp() {
            all = CdnowSimulation.simulate(customers, 20_051_997L).summaries();
            Patterns p = Patterns.of(all);
            patterns = new CustomerSummary[p.size()];
            weights = new double[p.size()];
            for (int i = 0; i < p.size(); i++) {
                patterns[i] = CustomerSummary.of("p" + i, p.unit, p.x[i], p.recency[i], p.age[i]);
                weights[i] = p.weight[i];
            }
            double compressed = compressed(this);
            double each = perCustomer(this);
            if (Math.abs(compressed - each) > 1e-9 * Math.abs(each)) {
                throw new IllegalStateException("compressed " + compressed + " != per customer " + each);
            }
            System.out.printf(
                    "%n%d customers in %d patterns (%.1f per pattern); LL at the CDNOW estimate %.4f%n",
                    customers, p.size(), customers / (double) p.size(), each);
        }
    }

    @Benchmark
    public double logLikelihood_compressed(Data d) {
        return compressed(d);
    }

    @Benchmark
    public double logLikelihood_perCustomer(Data d) {
        return perCustomer(d);
    }

    static double compressed(Data d) {
        double sum = 0;
        for (int i = 0; i < d.patterns.length; i++) {
            sum += d.weights[i] * d.model.logLikelihood(d.patterns[i]);
        }
        return sum;
    }

    static double perCustomer(Data d) {
        double sum = 0;
        for (CustomerSummary c : d.all) {
            sum += d.model.logLikelihood(c);
        }
        return sum;
    }
}
