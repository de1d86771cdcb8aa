package dev.rapport.crm.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.TimerId;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.TimerQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory claim index, beyond what the kit's contract reaches. */
class TimerTableTest {
    private static final Instant NOW = Instant.parse("2001-02-03T04:05:06Z");

    @Test
    void claims_skippingLockedTimers_takeEveryOtherTimerOnce_earliestFirst() {
        InMemoryStorage storage = InMemoryStorage.create();
        TimerQueue queue = storage.timerQueue().orElseThrow();
        List<TenantId> tenants = List.of(TenantId.of(UUID.randomUUID()), TenantId.of(UUID.randomUUID()));
        SplittableRandom random = new SplittableRandom(42);
        int count = 2000;
        for (int i = 0; i < count; i++) {
            TenantId tenant = tenants.get(i % 2);
            Timer timer = Timer.scheduled(
                    TimerId.of(UUID.randomUUID()),
                    tenant,
                    "test.kind",
                    "k" + i,
                    NOW.minusSeconds(random.nextInt(3600)),
                    "");
            storage.inTransaction(tenant, s -> {
                s.timers().schedule(timer);
                return null;
            });
        }
        // A transaction of the first tenant holds every 100th timer (k0, the earliest, among
        // them): claims must skip those rows and still take each other timer exactly once.
        Set<String> held = new HashSet<>();
        for (int i = 0; i < count; i += 100) {
            held.add("k" + i);
        }
        Set<TimerId> seen = new HashSet<>();
        List<Instant> dues = new ArrayList<>();
        try {
            storage.inTransaction(tenants.get(0), s -> {
                held.forEach(s.timers()::cancel);
                while (true) {
                    List<ClaimedTimer> batch = queue.claimDue(NOW, 37, "test", NOW.plus(Duration.ofMinutes(5)));
                    if (batch.isEmpty()) {
                        break;
                    }
                    List<Instant> batchDues = new ArrayList<>();
                    for (ClaimedTimer c : batch) {
                        assertThat(seen.add(c.timer().id()))
                                .as("claimed twice: %s", c.timer())
                                .isTrue();
                        assertThat(held).doesNotContain(c.timer().key());
                        assertThat(c.timer().attempts()).isEqualTo(1);
                        batchDues.add(c.timer().dueAt());
                    }
                    assertThat(batchDues).isSorted();
                    if (!dues.isEmpty()) {
                        assertThat(batchDues.get(0)).isAfterOrEqualTo(dues.get(dues.size() - 1));
                    }
                    dues.addAll(batchDues);
                }
                throw new IllegalStateException("roll back: the held timers stay");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(seen).hasSize(count - held.size());
        List<ClaimedTimer> released = queue.claimDue(NOW, 1000, "test", NOW.plus(Duration.ofMinutes(5)));
        assertThat(released).extracting(c -> c.timer().key()).containsExactlyInAnyOrderElementsOf(held);
        assertThat(queue.claimDue(NOW.plus(Duration.ofMinutes(5)), 1000, "later", NOW.plus(Duration.ofMinutes(10))))
                .hasSize(1000)
                .allSatisfy(c -> assertThat(c.timer().attempts()).isEqualTo(2));
    }
}
