-- Rapport durable timers (MariaDB; MySQL 8 with binary_collation = utf8mb4_0900_bin): SLA clocks,
-- reminders, auto-close and other due work. Ids are lower-case CHAR(36) ascii_bin; timestamps are
-- DATETIME(6) holding UTC. Keys are compared exactly (binary no-pad collation), at most 200
-- characters (the key index then takes at most 36 + 800 bytes).
-- One row per (tenant, key); scheduling a key again replaces its row (a new id).
-- available_at is when the row may next be claimed: its due instant, its retry instant after a
-- failed attempt, or its lease's end while claimed; NULL once parked. claim_token identifies the
-- current claim: completing, retrying or parking a timer matches it, so a claim whose lease was
-- taken over changes nothing.
-- tenant_id leads the primary key and the key index, as everywhere. The claim index cannot: one
-- scheduler per application instance claims for every tenant, so the claim is one range scan of
-- available_at (earliest first, LIMIT n, FOR UPDATE SKIP LOCKED, MariaDB 10.6+), with tenant_id
-- and id after it. Parked rows (NULL) sort first and are outside every claim's range.

CREATE TABLE timers (
    tenant_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id           CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    timer_key    VARCHAR(200) NOT NULL,
    kind         VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    due_at       DATETIME(6)  NOT NULL,
    payload      TEXT         NOT NULL,
    attempts     INT          NOT NULL,
    available_at DATETIME(6)  NULL,
    claim_token  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
    claimed_by   VARCHAR(200) NULL,
    parked_at    DATETIME(6)  NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE KEY timers_key_idx (tenant_id, timer_key),
    KEY timers_available_idx (available_at, tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};
