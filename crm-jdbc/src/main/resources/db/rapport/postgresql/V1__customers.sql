-- Rapport customers, identities, tags, attribute definitions and the event log (PostgreSQL).
-- tenant_id leads every key and index. Timestamps are timestamptz (microseconds, UTC).
-- Text that is ordered or matched exactly uses COLLATE "C": byte order of UTF-8 = code point order.

CREATE TABLE customers (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    display_name text        NOT NULL,
    given_name   text,
    family_name  text,
    sort_name    text COLLATE "C" NOT NULL,
    stage        varchar(32) NOT NULL,
    identities   json        NOT NULL,
    preferences  json        NOT NULL,
    tags         json        NOT NULL,
    attributes   jsonb       NOT NULL,
    CONSTRAINT customers_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX customers_created_idx ON customers (tenant_id, created_at, id);
CREATE INDEX customers_sort_name_idx ON customers (tenant_id, sort_name, id);
-- Serves attribute equality, list membership and presence (jsonb containment, @>).
CREATE INDEX customers_attributes_idx ON customers USING gin (attributes);

CREATE TABLE customer_identities (
    tenant_id    uuid        NOT NULL,
    identity_key text COLLATE "C" NOT NULL,
    customer_id  uuid        NOT NULL,
    kind         varchar(16) NOT NULL,
    CONSTRAINT customer_identities_pk PRIMARY KEY (tenant_id, identity_key)
);
CREATE INDEX customer_identities_customer_idx ON customer_identities (tenant_id, customer_id);

CREATE TABLE customer_tags (
    tenant_id   uuid NOT NULL,
    customer_id uuid NOT NULL,
    tag         text COLLATE "C" NOT NULL,
    CONSTRAINT customer_tags_pk PRIMARY KEY (tenant_id, customer_id, tag)
);
CREATE INDEX customer_tags_tag_idx ON customer_tags (tenant_id, tag, customer_id);

CREATE TABLE attribute_definitions (
    tenant_id  uuid        NOT NULL,
    attr_key   varchar(64) COLLATE "C" NOT NULL,
    definition json        NOT NULL,
    CONSTRAINT attribute_definitions_pk PRIMARY KEY (tenant_id, attr_key)
);

CREATE TABLE event_log (
    tenant_id   uuid         NOT NULL,
    position    bigint       NOT NULL,
    event_id    uuid         NOT NULL,
    event_type  varchar(100) NOT NULL,
    occurred_at timestamptz  NOT NULL,
    payload     json         NOT NULL,
    CONSTRAINT event_log_pk PRIMARY KEY (tenant_id, position)
);

-- One row per tenant, locked from the position bump until commit: positions follow commit order.
CREATE TABLE event_sequence (
    tenant_id     uuid   NOT NULL,
    last_position bigint NOT NULL,
    CONSTRAINT event_sequence_pk PRIMARY KEY (tenant_id)
);
