package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.TimelineKey;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The committed activity of one tenant: every interaction, order and reversal by id, the source
 * keys that make ingestion idempotent, and the sorted indexes the listings read. Written only by
 * {@link TenantState#commit} under the exclusive commit lock; read under its optimistic stamp.
 */
final class ActivityState {
    /** Every activity by its id (ids are unique across kinds). */
    final ConcurrentHashMap<UUID, Activity> byId = new ConcurrentHashMap<>();

    /** Source keys ({@link #sourceKey}) to the id holding them. */
    final ConcurrentHashMap<String, UUID> sources = new ConcurrentHashMap<>();

    /** Each customer's activities, newest first. */
    final ConcurrentHashMap<CustomerId, ConcurrentSkipListMap<TimelineKey, Activity>> timelines =
            new ConcurrentHashMap<>();

    /** Each thread's interactions, oldest first. */
    final ConcurrentHashMap<String, ConcurrentSkipListMap<TimelineKey, Interaction>> threads =
            new ConcurrentHashMap<>();

    /** Interactions without a customer, newest first. */
    final ConcurrentSkipListMap<TimelineKey, Interaction> unmatched =
            new ConcurrentSkipListMap<>(TimelineKey.NEWEST_FIRST);

    /** Each order's reversals, oldest first. */
    final ConcurrentHashMap<OrderId, ConcurrentSkipListMap<TimelineKey, Reversal>> reversals =
            new ConcurrentHashMap<>();

    /**
     * @param activity an activity
     * @param source its source reference
     * @return the key under which its source is unique: one namespace per kind
     */
    static String sourceKey(Activity activity, SourceRef source) {
        return sourceKey(activity.activityKind().name(), source);
    }

    static String sourceKey(String kind, SourceRef source) {
        return kind + "|" + source.key();
    }

    static @Nullable SourceRef source(Activity activity) {
        if (activity instanceof Interaction i) {
            return i.source();
        }
        if (activity instanceof Order o) {
            return o.source();
        }
        return ((Reversal) activity).source();
    }

    /** Replaces one activity (either side may be null), keeping every index in line. */
    void apply(UUID id, @Nullable Activity previous, @Nullable Activity next) {
        if (previous != null) {
            unindex(previous);
        }
        if (next != null) {
            byId.put(id, next);
            index(next);
        } else {
            byId.remove(id);
        }
    }

    /** Applies the source-key changes of a commit. */
    void applySources(Map<String, @Nullable UUID> changes) {
        changes.forEach((key, holder) -> {
            if (holder == null) {
                sources.remove(key);
            } else {
                sources.put(key, holder);
            }
        });
    }

    private void index(Activity a) {
        TimelineKey key = a.timelineKey();
        CustomerId customer = a.customerId();
        if (customer != null) {
            timelines
                    .computeIfAbsent(customer, c -> new ConcurrentSkipListMap<>(TimelineKey.NEWEST_FIRST))
                    .put(key, a);
        }
        if (a instanceof Interaction i) {
            if (customer == null) {
                unmatched.put(key, i);
            }
            if (i.threadId() != null) {
                threads.computeIfAbsent(i.threadId(), t -> new ConcurrentSkipListMap<>(TimelineKey.OLDEST_FIRST))
                        .put(key, i);
            }
        } else if (a instanceof Reversal r) {
            reversals
                    .computeIfAbsent(r.orderId(), o -> new ConcurrentSkipListMap<>(TimelineKey.OLDEST_FIRST))
                    .put(key, r);
        }
    }

    private void unindex(Activity a) {
        TimelineKey key = a.timelineKey();
        CustomerId customer = a.customerId();
        if (customer != null) {
            ConcurrentSkipListMap<TimelineKey, Activity> timeline = timelines.get(customer);
            if (timeline != null) {
                timeline.remove(key);
                if (timeline.isEmpty()) {
                    timelines.remove(customer);
                }
            }
        }
        if (a instanceof Interaction i) {
            if (customer == null) {
                unmatched.remove(key);
            }
            if (i.threadId() != null) {
                ConcurrentSkipListMap<TimelineKey, Interaction> thread = threads.get(i.threadId());
                if (thread != null) {
                    thread.remove(key);
                    if (thread.isEmpty()) {
                        threads.remove(i.threadId());
                    }
                }
            }
        } else if (a instanceof Reversal r) {
            ConcurrentSkipListMap<TimelineKey, Reversal> list = reversals.get(r.orderId());
            if (list != null) {
                list.remove(key);
                if (list.isEmpty()) {
                    reversals.remove(r.orderId());
                }
            }
        }
    }
}
