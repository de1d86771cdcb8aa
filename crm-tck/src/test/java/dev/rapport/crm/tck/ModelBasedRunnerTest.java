package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelBasedRunnerTest {

    /** Fails once it has seen both 3 and 7, whatever came between. */
    static final class NeedsThreeAndSeven implements ModelBasedRunner.Trial<Integer> {
        private final Set<Integer> seen = new HashSet<>();

        @Override
        public void apply(Integer command) {
            seen.add(command);
            if (seen.contains(3) && seen.contains(7)) {
                throw new AssertionError("saw 3 and 7");
            }
        }
    }

    @Test
    @DisplayName("the same seed draws the same commands")
    void draw_isDeterministic() {
        ModelBasedRunner<Integer> runner = ModelBasedRunner.of(r -> r.nextInt(100), NeedsThreeAndSeven::new);
        assertThat(runner.draw(42, 50)).isEqualTo(runner.draw(42, 50));
        assertThat(runner.draw(42, 50)).isNotEqualTo(runner.draw(43, 50));
    }

    @Test
    @DisplayName("a failing sequence is shrunk to the two steps that matter and reported with its seed")
    void check_shrinksToShortestFailingSequence() {
        AtomicInteger trials = new AtomicInteger();
        ModelBasedRunner<Integer> runner = ModelBasedRunner.of(r -> r.nextInt(10), () -> {
            trials.incrementAndGet();
            return new NeedsThreeAndSeven();
        });
        long seed = 0;
        while (true) {
            Set<Integer> drawn = new HashSet<>(runner.draw(seed, 40));
            if (drawn.contains(3) && drawn.contains(7)) {
                break;
            }
            seed++;
        }
        long failing = seed;
        Throwable t = catchThrowable(() -> runner.check(failing, 40));
        assertThat(t).isInstanceOf(AssertionError.class);
        assertThat(t.getMessage())
                .contains("seed " + failing)
                .contains("-Drapport.tck.seed=" + failing)
                .contains("shortest failing sequence (2 steps)");
        assertThat(trials.get()).isGreaterThan(2);
    }

    @Test
    @DisplayName("a passing sequence runs once")
    void check_passesQuietly() {
        AtomicInteger trials = new AtomicInteger();
        ModelBasedRunner.<Integer>of(r -> 1, () -> {
                    trials.incrementAndGet();
                    return new NeedsThreeAndSeven();
                })
                .check(1, 30);
        assertThat(trials.get()).isEqualTo(1);
    }
}
