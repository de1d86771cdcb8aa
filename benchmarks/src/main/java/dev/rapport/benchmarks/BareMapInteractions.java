package dev.rapport.benchmarks;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.InteractionRecorded;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory baseline for recording interactions: what a developer writes without Rapport. A
 * {@code ConcurrentHashMap} of interactions by id, one from source key to id (idempotency), a set
 * of known customer ids, a {@code ConcurrentSkipListMap} per customer newest first (the timeline)
 * and one per thread oldest first, one lock around writes, an event list. Input is checked by
 * {@link PlainActivityRules}; the records and events are Rapport's immutable ones. What it does
 * not do and Rapport does: transactions, tenants, readers that never see half a write, unmatched
 * interactions, attributes, listeners.
 */
final class BareMapInteractions {
    private final Set<UUID> customers = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<UUID, Interaction> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, UUID> bySource = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, ConcurrentSkipListMap<TimelineKey, Interaction>> timelines =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentSkipListMap<TimelineKey, Interaction>> threads =
            new ConcurrentHashMap<>();
    private final ReentrantLock writes = new ReentrantLock();
    private final List<CrmEvent> events = new ArrayList<>();
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final Clock clock = Clock.systemUTC();

    void addCustomer(UUID id) {
        customers.add(id);
    }

    /** Records an interaction, or returns the one holding its source. */
    Interaction record(NewInteraction command) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        PlainActivityRules.Checked c = PlainActivityRules.check(command, now);
        String key = c.source() == null ? null : c.source().key();
        if (key != null) {
            UUID earlier = bySource.get(key);
            if (earlier != null) {
                return byId.get(earlier);
            }
        }
        CustomerId customer = command.customer();
        if (!customers.contains(customer.value())) {
            throw new IllegalStateException("no customer " + customer);
        }
        Interaction interaction = new Interaction(
                new InteractionId(ids.generate()),
                1,
                customer,
                command.channel(),
                command.direction(),
                c.occurredAt(),
                now,
                c.subject(),
                command.body(),
                command.html(),
                c.author(),
                command.participants(),
                c.threadId(),
                command.duration(),
                c.outcome(),
                command.attachments(),
                Map.of(),
                c.source());
        writes.lock();
        try {
            if (key != null) {
                UUID holder = bySource.putIfAbsent(key, interaction.id().value());
                if (holder != null) {
                    return byId.get(holder);
                }
            }
            byId.put(interaction.id().value(), interaction);
            TimelineKey position = interaction.timelineKey();
            timelines
                    .computeIfAbsent(customer.value(), k -> new ConcurrentSkipListMap<>(TimelineKey.NEWEST_FIRST))
                    .put(position, interaction);
            if (interaction.threadId() != null) {
                threads.computeIfAbsent(
                                interaction.threadId(), k -> new ConcurrentSkipListMap<>(TimelineKey.OLDEST_FIRST))
                        .put(position, interaction);
            }
            events.add(new InteractionRecorded(
                    new EventId(ids.generate()),
                    TenantId.DEFAULT,
                    now,
                    interaction.id(),
                    customer,
                    interaction.channel(),
                    interaction.direction()));
        } finally {
            writes.unlock();
        }
        return interaction;
    }

    /** A customer's interactions newest first, strictly after a position (null: the newest). */
    List<Interaction> timeline(UUID customer, TimelineKey before, int limit) {
        List<Interaction> page = new ArrayList<>(limit);
        ConcurrentSkipListMap<TimelineKey, Interaction> timeline = timelines.get(customer);
        if (timeline == null) {
            return page;
        }
        for (Interaction i : (before == null ? timeline : timeline.tailMap(before, false)).values()) {
            page.add(i);
            if (page.size() == limit) {
                break;
            }
        }
        return page;
    }

    int eventCount() {
        return events.size();
    }
}
