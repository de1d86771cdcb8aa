-- Rapport customer activity: interactions, orders and their reversals (PostgreSQL).
-- tenant_id leads every key and index. Timestamps are timestamptz (microseconds, UTC).
-- Each row keeps the whole record as JSON in payload; the other columns are what is queried,
-- indexed or aggregated. Amounts are numeric(38,12): 26 integer and 12 fractional digits.
-- source_hash is the lower-case hex SHA-256 of the UTF-8 source key (source:externalId), computed
-- by the adapter; its unique index is the idempotency key (NULL, no source, is never a duplicate),
-- and source_key is kept beside it to compare exactly.

CREATE TABLE interactions (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    version     bigint      NOT NULL,
    customer_id uuid,
    channel     varchar(16) NOT NULL,
    direction   varchar(16) NOT NULL,
    occurred_at timestamptz NOT NULL,
    thread_id   text COLLATE "C",
    source_hash char(64),
    source_key  text COLLATE "C",
    payload     json        NOT NULL,
    CONSTRAINT interactions_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX interactions_source_idx ON interactions (tenant_id, source_hash);
-- Serves the timeline (tenant_id, customer_id = ?) and the unmatched queue (customer_id IS NULL).
CREATE INDEX interactions_customer_idx ON interactions (tenant_id, customer_id, occurred_at, id);
-- Serves the latest interaction per channel (one probe per channel) and one-channel timelines.
CREATE INDEX interactions_channel_idx ON interactions (tenant_id, customer_id, channel, occurred_at, id);
CREATE INDEX interactions_thread_idx ON interactions (tenant_id, thread_id, occurred_at, id);

CREATE TABLE orders (
    tenant_id      uuid           NOT NULL,
    id             uuid           NOT NULL,
    version        bigint         NOT NULL,
    customer_id    uuid           NOT NULL,
    occurred_at    timestamptz    NOT NULL,
    occurred_date  date           NOT NULL,
    channel        varchar(16)    NOT NULL,
    currency       char(3)        NOT NULL,
    total          numeric(38,12) NOT NULL,
    reversed_total numeric(38,12) NOT NULL,
    fully_reversed boolean        NOT NULL,
    source_hash    char(64),
    source_key     text COLLATE "C",
    payload        json           NOT NULL,
    CONSTRAINT orders_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX orders_source_idx ON orders (tenant_id, source_hash);
CREATE INDEX orders_customer_idx ON orders (tenant_id, customer_id, occurred_at, id);

CREATE TABLE order_reversals (
    tenant_id   uuid           NOT NULL,
    id          uuid           NOT NULL,
    order_id    uuid           NOT NULL,
    customer_id uuid           NOT NULL,
    kind        varchar(16)    NOT NULL,
    occurred_at timestamptz    NOT NULL,
    channel     varchar(16)    NOT NULL,
    currency    char(3)        NOT NULL,
    amount      numeric(38,12) NOT NULL,
    source_hash char(64),
    source_key  text COLLATE "C",
    payload     json           NOT NULL,
    CONSTRAINT order_reversals_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX order_reversals_source_idx ON order_reversals (tenant_id, source_hash);
CREATE INDEX order_reversals_customer_idx ON order_reversals (tenant_id, customer_id, occurred_at, id);
CREATE INDEX order_reversals_order_idx ON order_reversals (tenant_id, order_id, occurred_at, id);
