package dev.rapport.crm.timeline.internal;

import dev.rapport.crm.internal.ActivityRules;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.spi.TimelineRequest;
import dev.rapport.crm.timeline.TimelineQuery;
import dev.rapport.crm.timeline.TimelineService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Timelines of one tenant. */
public final class DefaultTimelineService implements TimelineService {
    private final Engine engine;
    private final TenantId tenant;

    /**
     * @param engine the engine
     * @param tenant the tenant every call is scoped to
     */
    public DefaultTimelineService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
    }

    @Override
    public Page<Activity> list(TimelineQuery query) {
        Objects.requireNonNull(query, "query");
        Violations v = new Violations();
        TimelineRequest checked = request(query, "", v);
        v.throwIfAny();
        TimelineRequest request = Objects.requireNonNull(checked);
        List<Activity> rows = engine.read(tenant, s -> s.activity().timeline(request));
        return page(rows, query.limit());
    }

    @Override
    public List<Page<Activity>> list(List<TimelineQuery> queries) {
        Objects.requireNonNull(queries, "queries");
        Violations v = new Violations();
        if (queries.size() > MAX_QUERIES) {
            v.add("queries", "at most " + MAX_QUERIES + " at once");
            v.throwIfAny();
        }
        List<TimelineRequest> requests = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            TimelineQuery query = queries.get(i);
            if (query == null) {
                v.add("queries[" + i + "]", "must not be null");
                continue;
            }
            requests.add(request(query, "queries[" + i + "].", v));
        }
        v.throwIfAny();
        if (requests.isEmpty()) {
            return List.of();
        }
        List<List<Activity>> rows = engine.read(tenant, s -> s.activity().timelines(requests));
        List<Page<Activity>> pages = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            pages.add(page(rows.get(i), queries.get(i).limit()));
        }
        return pages;
    }

    /** Checks a query (paths prefixed) and asks for one row more than its page, to know if more follow. */
    private static @Nullable TimelineRequest request(TimelineQuery query, String prefix, Violations v) {
        Violations own = new Violations();
        ActivityRules.limit(query.limit(), TimelineQuery.MAX_LIMIT, own);
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            own.add("to", "must be after from");
        }
        TimelineKey before = null;
        try {
            before = ActivityRules.decodeCursor(query.cursor());
        } catch (ValidationException e) {
            own.addAll(e);
        }
        if (!own.isEmpty()) {
            for (ValidationException.Violation problem : own.list()) {
                v.add(prefix + problem.path(), problem.reason());
            }
            return null;
        }
        return new TimelineRequest(
                query.customer(), query.kinds(), query.channels(), query.from(), query.to(), query.limit() + 1, before);
    }

    private static Page<Activity> page(List<Activity> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Activity> page = rows.subList(0, limit);
        return new Page<>(page, ActivityRules.encodeCursor(page.get(limit - 1).timelineKey()));
    }
}
