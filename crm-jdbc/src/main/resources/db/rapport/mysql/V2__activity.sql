-- Rapport customer activity: interactions, orders and their reversals (MariaDB; MySQL 8 with
-- binary_collation = utf8mb4_0900_bin). tenant_id leads every key and index.
-- Ids are lower-case CHAR(36) ascii_bin; timestamps are DATETIME(6) holding UTC.
-- Each row keeps the whole record as JSON in payload; the other columns are what is queried,
-- indexed or aggregated. Amounts are DECIMAL(38,12): 26 integer and 12 fractional digits.
-- source_hash is the lower-case hex SHA-256 of the UTF-8 source key (source:externalId), computed
-- by the adapter: the key itself may be 577 characters, too long for an index key in utf8mb4 beside
-- the others; its unique key is the idempotency key (NULL, no source, is never a duplicate), and
-- source_key is kept beside it to compare exactly. Thread ids are at most 512 characters (2048
-- bytes in an index key of at most 3072).

CREATE TABLE interactions (
    tenant_id   CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id          CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version     BIGINT      NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
    channel     VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    direction   VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    occurred_at DATETIME(6) NOT NULL,
    thread_id   VARCHAR(512) NULL,
    source_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    source_key  TEXT        NULL,
    payload     JSON        NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE KEY interactions_source_idx (tenant_id, source_hash),
    KEY interactions_customer_idx (tenant_id, customer_id, occurred_at, id),
    KEY interactions_channel_idx (tenant_id, customer_id, channel, occurred_at, id),
    KEY interactions_thread_idx (tenant_id, thread_id, occurred_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE orders (
    tenant_id      CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id             CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version        BIGINT        NOT NULL,
    customer_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    occurred_at    DATETIME(6)   NOT NULL,
    occurred_date  DATE          NOT NULL,
    channel        VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    currency       CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    total          DECIMAL(38,12) NOT NULL,
    reversed_total DECIMAL(38,12) NOT NULL,
    fully_reversed BOOLEAN       NOT NULL,
    source_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    source_key     TEXT          NULL,
    payload        JSON          NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE KEY orders_source_idx (tenant_id, source_hash),
    KEY orders_customer_idx (tenant_id, customer_id, occurred_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE order_reversals (
    tenant_id   CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id          CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    order_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind        VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    occurred_at DATETIME(6)    NOT NULL,
    channel     VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    currency    CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    amount      DECIMAL(38,12) NOT NULL,
    source_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    source_key  TEXT           NULL,
    payload     JSON           NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE KEY order_reversals_source_idx (tenant_id, source_hash),
    KEY order_reversals_customer_idx (tenant_id, customer_id, occurred_at, id),
    KEY order_reversals_order_idx (tenant_id, order_id, occurred_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};
