package dev.rapport.crm.tck;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Model-based tests (DESIGN.md, "Testing with many inputs"): random sequences of customer commands
 * (creates with clashing identities, updates with right and stale versions, identities, tags,
 * attributes, stages, deletes, pages, counts, finds) run against the adapter and against a plain
 * reference model; after every command the returned value or exception type, the stored customers
 * and the new events must agree. A failing sequence is shrunk and printed with its seed.
 *
 * <p>System properties: {@code rapport.tck.seed} replays one seed; {@code rapport.tck.mbt.seeds}
 * (default 30) and {@code rapport.tck.mbt.steps} (default 60) size the run; {@code
 * rapport.tck.mbt.maxReplays} (default 400) bounds shrinking. Every run and every replay obtains
 * its own storage from {@link #createStorage()} and releases it when done.
 *
 * @since 0.1
 */
public abstract class ModelBasedContract extends ContractSupport {

    @Test
    @DisplayName("random command sequences give the same results, state and events as the reference model")
    void randomCommandSequences_matchTheReferenceModel() {
        long[] seeds = Seeds.seeds(30, "rapport.tck.mbt.seeds");
        int steps = Seeds.intProperty("rapport.tck.mbt.steps", 60);
        ModelBasedRunner<CustomerModel.Step> runner = ModelBasedRunner.of(
                        CustomerModel::draw, () -> new CustomerModel.Trial(obtainStorage(), this::releaseNow))
                .maxReplays(Seeds.intProperty("rapport.tck.mbt.maxReplays", 400));
        for (long seed : seeds) {
            runner.check(seed, steps);
        }
    }
}
