package dev.rapport.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;

/**
 * The heap one iteration used: a daemon thread samples {@code MemoryMXBean.getHeapMemoryUsage()}
 * every 5 ms (the highest used heap seen, garbage included), and the heap pools' own peaks are reset
 * at the start, so that {@link #stop} can also report the sum of their peaks (an upper bound: the
 * pools peak at different times) and the old generation's peak after a collection (what survived).
 */
final class HeapWatch {
    private static final long MB = 1 << 20;
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    private volatile boolean running = true;
    private volatile long sampledMax;
    private final Thread sampler;

    HeapWatch() {
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        sampler = new Thread(
                () -> {
                    var memory = ManagementFactory.getMemoryMXBean();
                    while (running) {
                        sampledMax =
                                Math.max(sampledMax, memory.getHeapMemoryUsage().getUsed());
                        try {
                            // Sampling, not waiting for anything: a peak between samples is
                            // caught by the pools' own peak usage, read at the end.
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * @param what the benchmark's name
     * @return the line printed (prefixed {@code heap:}, for the results file)
     */
    String stop(String what) throws InterruptedException {
        running = false;
        sampler.join();
        long poolPeaks = 0;
        long survived = 0;
        for (MemoryPoolMXBean p : pools) {
            poolPeaks += p.getPeakUsage().getUsed();
            MemoryUsage after = p.getCollectionUsage();
            if (after != null && p.getName().contains("Old")) {
                survived = Math.max(survived, after.getUsed());
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        String line = String.format(
                Locale.ROOT,
                "heap: %s: peak used (sampled every 5 ms) %d MB, sum of pool peaks %d MB, old gen after last GC %d MB, max heap %d MB",
                what,
                sampledMax / MB,
                poolPeaks / MB,
                survived / MB,
                max / MB);
        System.out.println();
        System.out.println(line);
        return line;
    }
}
