-- Rapport customer activity: interactions, orders and their reversals (H2 2.x).
-- tenant_id leads every key and index. Timestamps are TIMESTAMP WITH TIME ZONE (microseconds).
-- Each row keeps the whole record as JSON text in payload; the other columns are what is queried,
-- indexed or aggregated. Amounts are NUMERIC(38,12): 26 integer and 12 fractional digits.
-- source_hash is the lower-case hex SHA-256 of the UTF-8 source key (source:externalId), computed
-- by the adapter; its unique index is the idempotency key (NULL, no source, is never a duplicate),
-- and source_key is kept beside it to compare exactly.

CREATE TABLE interactions (
    tenant_id   UUID                        NOT NULL,
    id          UUID                        NOT NULL,
    version     BIGINT                      NOT NULL,
    customer_id UUID,
    channel     CHARACTER VARYING(16)       NOT NULL,
    direction   CHARACTER VARYING(16)       NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    thread_id   CHARACTER VARYING,
    source_hash CHARACTER(64),
    source_key  CHARACTER VARYING,
    payload     CHARACTER VARYING           NOT NULL,
    CONSTRAINT interactions_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX interactions_source_idx ON interactions (tenant_id, source_hash);
CREATE INDEX interactions_customer_idx ON interactions (tenant_id, customer_id, occurred_at, id);
CREATE INDEX interactions_channel_idx ON interactions (tenant_id, customer_id, channel, occurred_at, id);
CREATE INDEX interactions_thread_idx ON interactions (tenant_id, thread_id, occurred_at, id);

CREATE TABLE orders (
    tenant_id      UUID                        NOT NULL,
    id             UUID                        NOT NULL,
    version        BIGINT                      NOT NULL,
    customer_id    UUID                        NOT NULL,
    occurred_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    occurred_date  DATE                        NOT NULL,
    channel        CHARACTER VARYING(16)       NOT NULL,
    currency       CHARACTER(3)                NOT NULL,
    total          NUMERIC(38,12)              NOT NULL,
    reversed_total NUMERIC(38,12)              NOT NULL,
    fully_reversed BOOLEAN                     NOT NULL,
    source_hash    CHARACTER(64),
    source_key     CHARACTER VARYING,
    payload        CHARACTER VARYING           NOT NULL,
    CONSTRAINT orders_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX orders_source_idx ON orders (tenant_id, source_hash);
CREATE INDEX orders_customer_idx ON orders (tenant_id, customer_id, occurred_at, id);

CREATE TABLE order_reversals (
    tenant_id   UUID                        NOT NULL,
    id          UUID                        NOT NULL,
    order_id    UUID                        NOT NULL,
    customer_id UUID                        NOT NULL,
    kind        CHARACTER VARYING(16)       NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    channel     CHARACTER VARYING(16)       NOT NULL,
    currency    CHARACTER(3)                NOT NULL,
    amount      NUMERIC(38,12)              NOT NULL,
    source_hash CHARACTER(64),
    source_key  CHARACTER VARYING,
    payload     CHARACTER VARYING           NOT NULL,
    CONSTRAINT order_reversals_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX order_reversals_source_idx ON order_reversals (tenant_id, source_hash);
CREATE INDEX order_reversals_customer_idx ON order_reversals (tenant_id, customer_id, occurred_at, id);
CREATE INDEX order_reversals_order_idx ON order_reversals (tenant_id, order_id, occurred_at, id);
