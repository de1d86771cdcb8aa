package dev.rapport.benchmarks.analytics;

import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import dev.rapport.crm.analytics.summary.InputOrder;
import dev.rapport.crm.analytics.summary.Summaries;
import dev.rapport.crm.analytics.summary.SummarySpec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
 * Summaries of {@code transactions} (10^7) purchases from a generated stream sorted by customer
 * ({@link PurchaseStream}, never materialised), single shot, one pass per shot: Rapport's {@link
 * Summaries#summarize} with {@link InputOrder#SORTED_BY_CUSTOMER} in a JVM with a 256 MB heap,
 * beside {@link PlainSummaries} (the whole list materialised, grouped in a {@link java.util.HashMap})
 * and Rapport with {@link InputOrder#ANY} (grouped in memory), both with 4 GB. Each shot prints the
 * heap pools' peak use (reset before the shot) and a checksum of the summaries, which must agree.
 * Throughput is {@code transactions} divided by the time.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SummaryStreamBenchmark {
    static final SummarySpec SPEC = SummarySpec.of(PurchaseStream.WINDOW_END, TimeUnit.WEEK);

    /** The stream's size and seed; the checksum and heap peaks of the last shot. */
    @State(Scope.Thread)
    public static class Stream {
        @Param({"10000000"})
        public long transactions;

        final long seed = 1_997_09_30L;

        @Setup(Level.Iteration)
        public void resetPeaks() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        @TearDown(Level.Iteration)
        public void reportPeaks() {
            StringBuilder line = new StringBuilder("\nheap (max ")
                    .append(Runtime.getRuntime().maxMemory() >> 20)
                    .append(" MB), peak use during the shot:");
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    long peak = pool.getPeakUsage().getUsed();
                    sum += peak;
                    line.append(' ')
                            .append(pool.getName())
                            .append(' ')
                            .append(peak >> 20)
                            .append(" MB,");
                }
            }
            line.append(" sum of the peaks ").append(sum >> 20).append(" MB");
            System.out.println(line);
        }
    }

    /** Customers, repeat purchases and weeks summed over the summaries: both sides must agree. */
    static final class Checksum {
        long customers;
        long repeats;
        double weeks;
        double value;

        void add(CustomerSummary s) {
            customers++;
            repeats += s.frequency();
            weeks += s.recency() + s.age();
            value += s.totalValue().doubleValue();
        }

        Checksum print(String side) {
            System.out.printf(
                    "%n%s: %d customers, %d repeat purchases, %.1f weeks, value %.2f%n",
                    side, customers, repeats, weeks, value);
            return this;
        }
    }

    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
    public Checksum summarize_rapport_sorted_256m(Stream s) {
        Checksum sum = new Checksum();
        Summaries.summarize(new PurchaseStream(s.transactions, s.seed), SPEC, InputOrder.SORTED_BY_CUSTOMER)
                .forEach(sum::add);
        return sum.print("rapport, sorted");
    }

    @Benchmark
    public Checksum summarize_rapport_any_4g(Stream s) {
        Checksum sum = new Checksum();
        Summaries.summarize(new PurchaseStream(s.transactions, s.seed), SPEC, InputOrder.ANY)
                .forEach(sum::add);
        return sum.print("rapport, any order");
    }

    @Benchmark
    public Checksum summarize_baseline_hashMap_4g(Stream s) {
        Checksum sum = new Checksum();
        PlainSummaries.summarize(new PurchaseStream(s.transactions, s.seed), PurchaseStream.WINDOW_END, sum::add);
        return sum.print("baseline, HashMap");
    }
}
