-- Rapport customers, identities, tags, attribute definitions and the event log (MariaDB; MySQL 8
-- with binary_collation = utf8mb4_0900_bin). tenant_id leads every key and index.
-- Ids are lower-case CHAR(36) ascii_bin: their order is the unsigned order of the 128 bits.
-- Timestamps are DATETIME(6) holding UTC. Text that is ordered or matched exactly uses the binary
-- no-pad collation ${binary_collation} (code point order, trailing spaces significant).
-- Display names are limited to 700 characters (sort_name is indexed: 3072 bytes per index key).

CREATE TABLE customers (
    tenant_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id           CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version      BIGINT       NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    display_name VARCHAR(700) NOT NULL,
    given_name   VARCHAR(700) NULL,
    family_name  VARCHAR(700) NULL,
    sort_name    VARCHAR(750) NOT NULL,
    stage        VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    identities   JSON         NOT NULL,
    preferences  JSON         NOT NULL,
    tags         JSON         NOT NULL,
    attributes   JSON         NOT NULL,
    PRIMARY KEY (tenant_id, id),
    KEY customers_created_idx (tenant_id, created_at, id),
    KEY customers_sort_name_idx (tenant_id, sort_name, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE customer_identities (
    tenant_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    identity_key VARCHAR(600) NOT NULL,
    customer_id  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind         VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (tenant_id, identity_key),
    KEY customer_identities_customer_idx (tenant_id, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE customer_tags (
    tenant_id   CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    tag         VARCHAR(200) NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, tag),
    KEY customer_tags_tag_idx (tenant_id, tag, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE attribute_definitions (
    tenant_id  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    attr_key   VARCHAR(64) NOT NULL,
    definition JSON        NOT NULL,
    PRIMARY KEY (tenant_id, attr_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE event_log (
    tenant_id   CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    position    BIGINT       NOT NULL,
    event_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    event_type  VARCHAR(100) NOT NULL,
    occurred_at DATETIME(6)  NOT NULL,
    payload     JSON         NOT NULL,
    PRIMARY KEY (tenant_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

-- One row per tenant, locked from the position bump until commit: positions follow commit order.
CREATE TABLE event_sequence (
    tenant_id     CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    last_position BIGINT NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};
