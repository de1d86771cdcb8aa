package dev.rapport.crm.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A small model-based test runner. From a seed it draws a sequence of commands, applies them one
 * by one to a fresh {@link Trial} (the system under test paired with a plain reference model, which
 * compares the two after each command), and when a command fails it shrinks the sequence by
 * deleting commands, replaying each candidate on a fresh trial, until no single deletion keeps it
 * failing. It then throws an {@link AssertionError} that names the seed and lists the shortest
 * failing sequence.
 *
 * <p>Commands must be drawn without looking at any state, so that any subsequence is a valid
 * sequence; a command that names a target should name it indirectly (say, "the k-th customer
 * created so far") and let the trial resolve it. Give commands a readable {@code toString}: it is
 * what the report prints.
 *
 * <pre>{@code
 * ModelBasedRunner.of(MyCommand::draw, MyTrial::new).check(seed, 60);
 * }</pre>
 *
 * <p>Not thread-safe; a runner may be reused for several seeds.
 *
 * @param <C> the command type
 * @since 0.1
 */
public final class ModelBasedRunner<C> {

    /**
     * Draws one command.
     *
     * @param <C> the command type
     */
    @FunctionalInterface
    public interface Generator<C> {
        /**
         * @param random the sequence's random source
         * @return the next command
         */
        C draw(SplittableRandom random);
    }

    /**
     * A fresh system under test and a fresh model, compared after every command.
     *
     * @param <C> the command type
     */
    public interface Trial<C> extends AutoCloseable {
        /**
         * Applies a command to both and compares what can be observed.
         *
         * @param command the command
         * @throws AssertionError if the system and the model disagree
         */
        void apply(C command);

        /** Releases the system under test. */
        @Override
        default void close() {}
    }

    private final Generator<C> generator;
    private final Supplier<? extends Trial<C>> trials;
    private int maxReplays = 400;

    private ModelBasedRunner(Generator<C> generator, Supplier<? extends Trial<C>> trials) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.trials = Objects.requireNonNull(trials, "trials");
    }

    /**
     * @param generator draws commands
     * @param trials makes a fresh trial for every run and every replay
     * @param <C> the command type
     * @return a runner
     */
    public static <C> ModelBasedRunner<C> of(Generator<C> generator, Supplier<? extends Trial<C>> trials) {
        return new ModelBasedRunner<>(generator, trials);
    }

    /**
     * @param replays the most replays spent on shrinking one failure; default 400
     * @return this runner
     */
    public ModelBasedRunner<C> maxReplays(int replays) {
        this.maxReplays = replays;
        return this;
    }

    /**
     * @param seed a seed
     * @param steps how many commands
     * @return the commands that seed draws
     */
    public List<C> draw(long seed, int steps) {
        SplittableRandom random = new SplittableRandom(seed);
        List<C> commands = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            commands.add(generator.draw(random));
        }
        return commands;
    }

    /**
     * Runs the sequence a seed draws; on failure shrinks it and reports the shortest one.
     *
     * @param seed the seed
     * @param steps how many commands to draw
     * @throws AssertionError naming the seed and the shortest failing sequence
     */
    public void check(long seed, int steps) {
        List<C> commands = draw(seed, steps);
        Failure failure = run(commands);
        if (failure == null) {
            return;
        }
        List<C> shortest = shrink(commands, failure);
        Failure last = Objects.requireNonNullElse(run(shortest), failure);
        StringBuilder report = new StringBuilder()
                .append("model-based run failed with ")
                .append(Seeds.describe(seed))
                .append(", ")
                .append(steps)
                .append(" steps drawn; first failure at step ")
                .append(failure.step + 1)
                .append(": ")
                .append(failure.error)
                .append("\nshortest failing sequence (")
                .append(shortest.size())
                .append(" steps):\n");
        for (int i = 0; i < shortest.size(); i++) {
            report.append(String.format("  %3d. %s%n", i + 1, shortest.get(i)));
        }
        report.append("fails at step ").append(last.step + 1).append(" with: ").append(last.error);
        throw new AssertionError(report.toString(), last.error);
    }

    private record Failure(int step, Throwable error) {}

    /** @return the first failure, or null if every command passed */
    private Failure run(List<C> commands) {
        try (Trial<C> trial = trials.get()) {
            for (int i = 0; i < commands.size(); i++) {
                try {
                    trial.apply(commands.get(i));
                } catch (AssertionError | RuntimeException e) {
                    return new Failure(i, e);
                }
            }
            return null;
        }
    }

    private List<C> shrink(List<C> commands, Failure original) {
        Class<?> kind = original.error.getClass();
        List<C> current = new ArrayList<>(commands.subList(0, original.step + 1));
        int budget = maxReplays;
        for (int chunk = Math.max(1, current.size() / 2); chunk >= 1 && budget > 0; chunk /= 2) {
            boolean progress = true;
            while (progress && budget > 0) {
                progress = false;
                int start = 0;
                while (start < current.size() && budget > 0) {
                    List<C> candidate = new ArrayList<>(current.subList(0, start));
                    candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                    budget--;
                    Failure f = candidate.isEmpty() ? null : run(candidate);
                    if (f != null && f.error.getClass() == kind) {
                        current = new ArrayList<>(candidate.subList(0, f.step + 1));
                        progress = true;
                    } else {
                        start += chunk;
                    }
                }
            }
            if (chunk == 1) {
                break;
            }
        }
        return current;
    }
}
