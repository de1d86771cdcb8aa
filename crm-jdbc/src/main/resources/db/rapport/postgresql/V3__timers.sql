-- Rapport durable timers (PostgreSQL): SLA clocks, reminders, auto-close and other due work.
-- One row per (tenant, key); scheduling a key again replaces its row (a new id).
-- available_at is when the row may next be claimed: its due instant, its retry instant after a
-- failed attempt, or its lease's end while claimed; NULL once parked. claim_token identifies the
-- current claim: completing, retrying or parking a timer matches it, so a claim whose lease was
-- taken over changes nothing.
-- tenant_id leads the primary key and the key index, as everywhere. The claim index cannot: one
-- scheduler per application instance claims for every tenant, so the claim is one range scan of
-- available_at (earliest first, LIMIT n, FOR UPDATE SKIP LOCKED), with tenant_id and id after it.
-- It is partial: parked rows are never claimed and take no room in it.

CREATE TABLE timers (
    tenant_id    uuid         NOT NULL,
    id           uuid         NOT NULL,
    timer_key    text COLLATE "C" NOT NULL,
    kind         varchar(100) NOT NULL,
    due_at       timestamptz  NOT NULL,
    payload      text         NOT NULL,
    attempts     integer      NOT NULL,
    available_at timestamptz,
    claim_token  uuid,
    claimed_by   varchar(200),
    parked_at    timestamptz,
    CONSTRAINT timers_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX timers_key_idx ON timers (tenant_id, timer_key);
CREATE INDEX timers_available_idx ON timers (available_at, tenant_id, id) WHERE available_at IS NOT NULL;
