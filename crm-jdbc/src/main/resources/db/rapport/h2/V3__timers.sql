-- Rapport durable timers (H2 2.x): SLA clocks, reminders, auto-close and other due work.
-- One row per (tenant, key); scheduling a key again replaces its row (a new id).
-- available_at is when the row may next be claimed: its due instant, its retry instant after a
-- failed attempt, or its lease's end while claimed; NULL once parked. claim_token identifies the
-- current claim: completing, retrying or parking a timer matches it, so a claim whose lease was
-- taken over changes nothing.
-- tenant_id leads the primary key and the key index, as everywhere. The claim index cannot: one
-- scheduler per application instance claims for every tenant. The claim scans it by name
-- (USE INDEX) in available_at order, FOR UPDATE SKIP LOCKED, without ORDER BY: H2 would lock every
-- available row before sorting.

CREATE TABLE timers (
    tenant_id    UUID                        NOT NULL,
    id           UUID                        NOT NULL,
    timer_key    CHARACTER VARYING(200)      NOT NULL,
    kind         CHARACTER VARYING(100)      NOT NULL,
    due_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    payload      CHARACTER VARYING(4000)     NOT NULL,
    attempts     INTEGER                     NOT NULL,
    available_at TIMESTAMP(6) WITH TIME ZONE,
    claim_token  UUID,
    claimed_by   CHARACTER VARYING(200),
    parked_at    TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT timers_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX timers_key_idx ON timers (tenant_id, timer_key);
CREATE INDEX timers_available_idx ON timers (available_at, tenant_id, id);
