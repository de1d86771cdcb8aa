package dev.rapport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.CrmException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.InteractionRecorded;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.timeline.TimelineQuery;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The activity baselines do the same work as Rapport: the same records, events, refusals and pages
 * on the same data (no timing). The PostgreSQL tests need the benchmarks' database and are skipped
 * when it cannot be reached.
 */
class ActivityBaselinesAgreeTest {
    static final int CUSTOMERS = 20;

    /** The interaction with the fields each side generates itself (id, recordedAt) set to fixed values. */
    static Interaction normalised(Interaction i) {
        return new Interaction(
                new InteractionId(new UUID(0, 1)),
                i.version(),
                i.customerId(),
                i.channel(),
                i.direction(),
                i.occurredAt(),
                Instant.EPOCH,
                i.subject(),
                i.body(),
                i.html(),
                i.author(),
                i.participants(),
                i.threadId(),
                i.duration(),
                i.outcome(),
                i.attachments(),
                i.attributes(),
                i.source());
    }

    static CustomerId customer(int g) {
        return new CustomerId(Data.seedId(g));
    }

    @Nested
    class InMemory {
        final Crm crm;
        final BareMapInteractions baseline = new BareMapInteractions();

        InMemory() {
            InMemoryStorage storage = InMemoryStorage.create();
            storage.inTransaction(TenantId.DEFAULT, s -> {
                for (int g = 1; g <= CUSTOMERS; g++) {
                    s.customers().insert(Data.seedCustomer(g));
                }
                return null;
            });
            crm = Crm.builder().storage(storage).build();
            for (int g = 1; g <= CUSTOMERS; g++) {
                baseline.addCustomer(Data.seedId(g));
            }
        }

        @Test
        void record_storesTheSameInteraction() {
            NewInteraction command = ActivityData.newEmail(customer(3), 3, 7);
            Interaction rapport = crm.interactions().record(command);
            Interaction plain = baseline.record(command);
            assertThat(normalised(plain)).isEqualTo(normalised(rapport));
            assertThat(crm.interactions().get(rapport.id())).isEqualTo(rapport);
        }

        @Test
        void record_normalisesTextAsRapportDoes() {
            NewInteraction command = ActivityData.newEmail(customer(3), 3, 8).toBuilder()
                    .subject("  Re: spaced  ")
                    .author(" ")
                    .occurredAt(Instant.parse("2026-06-01T10:00:00.123456789Z"))
                    .build();
            assertThat(normalised(baseline.record(command)))
                    .isEqualTo(normalised(crm.interactions().record(command)));
        }

        @Test
        void replayingASource_returnsTheFirstOnBothSides() {
            Interaction rapport = crm.interactions().record(ActivityData.newEmail(customer(1), 1, 1));
            Interaction plain = baseline.record(ActivityData.newEmail(customer(1), 1, 1));
            NewInteraction replay = ActivityData.newEmail(customer(2), 2, 1); // same source, other content
            assertThat(crm.interactions().record(replay)).isEqualTo(rapport);
            assertThat(baseline.record(replay)).isEqualTo(plain);
            assertThat(baseline.eventCount()).isEqualTo(1);
            assertThat(crm.events().read(EventCursor.beginning(), 10).events()).hasSize(1);
        }

        @Test
        void badInput_isRefusedOnBothSides() {
            NewInteraction unknown = ActivityData.newEmail(customer(CUSTOMERS + 1), 1, 2);
            assertThatThrownBy(() -> crm.interactions().record(unknown)).isInstanceOf(CrmException.class);
            assertThatThrownBy(() -> baseline.record(unknown)).isInstanceOf(IllegalStateException.class);
            for (NewInteraction bad : List.of(
                    ActivityData.newEmail(customer(1), 1, 3).toBuilder()
                            .subject("a\u0007b")
                            .build(),
                    ActivityData.newEmail(customer(1), 1, 3).toBuilder()
                            .source("Bad System!", "x")
                            .build(),
                    ActivityData.newEmail(customer(1), 1, 3).toBuilder()
                            .thread("x".repeat(513))
                            .build(),
                    ActivityData.newEmail(customer(1), 1, 3).toBuilder()
                            .customer(null)
                            .build())) {
                assertThatThrownBy(() -> crm.interactions().record(bad)).isInstanceOf(CrmException.class);
                assertThatThrownBy(() -> baseline.record(bad)).isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void timeline_holdsTheSameInteractions() {
            for (long n = 1; n <= 120; n++) {
                crm.interactions().record(ActivityData.newEmail(customer(4), 4, n));
                baseline.record(ActivityData.newEmail(customer(4), 4, n));
            }
            TimelineQuery query = TimelineQuery.of(customer(4)).limit(50);
            List<Interaction> rapport = new ArrayList<>();
            List<Interaction> plain = new ArrayList<>();
            Page<Activity> page = crm.timeline().list(query);
            TimelineKey after = null;
            while (true) {
                page.items().forEach(a -> rapport.add(normalised((Interaction) a)));
                List<Interaction> p = baseline.timeline(Data.seedId(4), after, 50);
                p.forEach(i -> plain.add(normalised(i)));
                if (!page.hasNext()) {
                    break;
                }
                after = p.get(p.size() - 1).timelineKey();
                page = crm.timeline().list(query.after(page.nextCursor()));
            }
            assertThat(plain).hasSize(120).isEqualTo(rapport);
        }

        @Test
        void seededActivity_isTheSeedersRecords() {
            InMemoryStorage storage = InMemoryStorage.create();
            ActivitySeeder.Layout layout = new ActivitySeeder.Layout(900, 100);
            ActivitySeeder.seedInMemory(storage, layout);
            Crm seeded = Crm.builder().storage(storage).build();
            List<Activity> all = seeded.timeline()
                    .list(TimelineQuery.of(customer(1)).limit(1000))
                    .items();
            assertThat(all).hasSize((int) layout.measuredActivities());
            long k = ActivityData.SEED_EPOCH.until(all.get(0).occurredAt(), java.time.temporal.ChronoUnit.SECONDS);
            assertThat(all.get(0))
                    .isEqualTo(
                            ActivityData.isOrder(k)
                                    ? ActivityData.seedOrder(k, customer(1))
                                    : ActivityData.seedInteraction(k, customer(1)));
        }
    }

    @Nested
    class OnPostgres {
        static boolean reachable() {
            try (var c = DriverManager.getConnection(Postgres.URL)) {
                return c.isValid(2);
            } catch (Exception e) {
                return false;
            }
        }

        @Test
        void record_writesWhatRapportWrites() throws Exception {
            assumeTrue(reachable(), "PostgreSQL not reachable at " + Postgres.URL);
            String schema = Postgres.createSchema("agree_rec");
            try (HikariDataSource pool = Postgres.pool(schema, 2)) {
                Crm crm = Crm.builder().storage(JdbcStorage.create(pool)).build();
                PgSeeder.seed(pool, CUSTOMERS);
                HandJdbcActivity jdbc = new HandJdbcActivity(pool);
                Interaction rapport = crm.interactions().record(ActivityData.newEmail(customer(2), 2, 1));
                Interaction plain = jdbc.record(ActivityData.newEmail(customer(2), 2, 2));
                // The row the baseline wrote is read back by Rapport as the record the baseline built.
                assertThat(crm.interactions().get(plain.id())).isEqualTo(plain);
                assertThat(normalised(plain))
                        .isEqualTo(normalised(crm.interactions().record(ActivityData.newEmail(customer(2), 2, 2))))
                        .isNotEqualTo(normalised(rapport));
                // Replays return the holder; an unknown customer is refused.
                assertThat(jdbc.record(ActivityData.newEmail(customer(3), 3, 1)))
                        .isEqualTo(rapport);
                assertThat(jdbc.record(ActivityData.newEmail(customer(3), 3, 2)))
                        .isEqualTo(plain);
                assertThatThrownBy(() -> jdbc.record(ActivityData.newEmail(customer(CUSTOMERS + 1), 1, 9)))
                        .isInstanceOf(IllegalStateException.class);
                // Both appended the same kind of event, in one log: Rapport's reader reads the baseline's.
                List<CrmEvent> events = crm.events().read(EventCursor.beginning(), 10).events().stream()
                        .map(e -> e.event())
                        .toList();
                assertThat(events).hasSize(2).allMatch(e -> e instanceof InteractionRecorded);
                assertThat(((InteractionRecorded) events.get(1)).interactionId())
                        .isEqualTo(plain.id());
                crm.close();
            } finally {
                Postgres.dropSchema(schema);
            }
        }

        @Test
        void timelineSql_readsTheSamePagesAsRapport() {
            assumeTrue(reachable(), "PostgreSQL not reachable at " + Postgres.URL);
            String schema = Postgres.createSchema("agree_tl");
            try (HikariDataSource pool = Postgres.pool(schema, 2)) {
                Crm crm = Crm.builder().storage(JdbcStorage.create(pool)).build();
                ActivitySeeder.Layout layout = new ActivitySeeder.Layout(2700, 1000);
                ActivitySeeder.seedPostgres(pool, layout);
                assertThat(ActivitySeeder.seeded(pool, layout)).isTrue();
                HandJdbcActivity sql = new HandJdbcActivity(pool);
                TimelineQuery query = TimelineQuery.of(customer(1)).limit(50);
                Page<Activity> page = crm.timeline().list(query);
                TimelineKey after = null;
                int pages = 0;
                long total = 0;
                while (true) {
                    HandJdbcActivity.TimelinePage plain = sql.timeline(Data.seedId(1), after, 50);
                    assertThat(plain.items()).isEqualTo(page.items());
                    assertThat(plain.next() == null).isEqualTo(!page.hasNext());
                    total += page.items().size();
                    pages++;
                    if (!page.hasNext()) {
                        break;
                    }
                    after = plain.next();
                    page = crm.timeline().list(query.after(page.nextCursor()));
                }
                assertThat(total).isEqualTo(layout.measuredActivities());
                assertThat(pages).isGreaterThan(5);
                // Seeded rows are the seeder's records, orders included.
                Activity newest = crm.timeline().list(query).items().get(0);
                long k = ActivityData.SEED_EPOCH.until(newest.occurredAt(), java.time.temporal.ChronoUnit.SECONDS);
                assertThat(crm.timeline()
                                .list(TimelineQuery.of(customer(1)).limit(1000))
                                .items())
                        .filteredOn(a -> a instanceof dev.rapport.crm.model.activity.Order)
                        .isNotEmpty()
                        .allSatisfy(a -> assertThat(a)
                                .isEqualTo(ActivityData.seedOrder(
                                        ActivityData.SEED_EPOCH.until(
                                                a.occurredAt(), java.time.temporal.ChronoUnit.SECONDS),
                                        customer(1))));
                assertThat(newest)
                        .isEqualTo(
                                ActivityData.isOrder(k)
                                        ? ActivityData.seedOrder(k, customer(1))
                                        : ActivityData.seedInteraction(k, customer(1)));
                crm.close();
            } finally {
                Postgres.dropSchema(schema);
            }
        }
    }
}
