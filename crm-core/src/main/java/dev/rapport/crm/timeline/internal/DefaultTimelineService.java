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
import java.util.List;
import java.util.Objects;

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
        ActivityRules.limit(query.limit(), TimelineQuery.MAX_LIMIT, v);
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            v.add("to", "must be after from");
        }
        TimelineKey before = null;
        try {
            before = ActivityRules.decodeCursor(query.cursor());
        } catch (ValidationException e) {
            v.addAll(e);
        }
        v.throwIfAny();
        int limit = query.limit();
        TimelineRequest request = new TimelineRequest(
                query.customer(), query.kinds(), query.channels(), query.from(), query.to(), limit + 1, before);
        List<Activity> rows = engine.read(tenant, s -> s.activity().timeline(request));
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Activity> page = rows.subList(0, limit);
        return new Page<>(page, ActivityRules.encodeCursor(page.get(limit - 1).timelineKey()));
    }
}
