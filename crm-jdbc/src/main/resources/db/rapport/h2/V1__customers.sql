-- Rapport customers, identities, tags, attribute definitions and the event log (H2 2.x).
-- tenant_id leads every key and index. Timestamps are TIMESTAMP WITH TIME ZONE (microseconds).
-- JSON is kept as text; the attribute functions below read it (Java, with Jackson), since H2 has
-- no JSON path functions. H2 compares strings by UTF-16 code unit, so the adapter orders text by
-- STRINGTOUTF8(...) to get code point order.

CREATE TABLE customers (
    tenant_id    UUID                        NOT NULL,
    id           UUID                        NOT NULL,
    version      BIGINT                      NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    display_name CHARACTER VARYING           NOT NULL,
    given_name   CHARACTER VARYING,
    family_name  CHARACTER VARYING,
    sort_name    CHARACTER VARYING           NOT NULL,
    stage        CHARACTER VARYING(32)       NOT NULL,
    identities   CHARACTER VARYING           NOT NULL,
    preferences  CHARACTER VARYING           NOT NULL,
    tags         CHARACTER VARYING           NOT NULL,
    attributes   CHARACTER VARYING           NOT NULL,
    CONSTRAINT customers_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX customers_created_idx ON customers (tenant_id, created_at, id);
CREATE INDEX customers_sort_name_idx ON customers (tenant_id, sort_name, id);

CREATE TABLE customer_identities (
    tenant_id    UUID                  NOT NULL,
    identity_key CHARACTER VARYING     NOT NULL,
    customer_id  UUID                  NOT NULL,
    kind         CHARACTER VARYING(16) NOT NULL,
    CONSTRAINT customer_identities_pk PRIMARY KEY (tenant_id, identity_key)
);
CREATE INDEX customer_identities_customer_idx ON customer_identities (tenant_id, customer_id);

CREATE TABLE customer_tags (
    tenant_id   UUID              NOT NULL,
    customer_id UUID              NOT NULL,
    tag         CHARACTER VARYING NOT NULL,
    CONSTRAINT customer_tags_pk PRIMARY KEY (tenant_id, customer_id, tag)
);
CREATE INDEX customer_tags_tag_idx ON customer_tags (tenant_id, tag, customer_id);

CREATE TABLE attribute_definitions (
    tenant_id  UUID                  NOT NULL,
    attr_key   CHARACTER VARYING(64) NOT NULL,
    definition CHARACTER VARYING     NOT NULL,
    CONSTRAINT attribute_definitions_pk PRIMARY KEY (tenant_id, attr_key)
);

CREATE TABLE event_log (
    tenant_id   UUID                        NOT NULL,
    position    BIGINT                      NOT NULL,
    event_id    UUID                        NOT NULL,
    event_type  CHARACTER VARYING(100)      NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    payload     CHARACTER VARYING           NOT NULL,
    CONSTRAINT event_log_pk PRIMARY KEY (tenant_id, position)
);

-- One row per tenant, locked from the position bump until commit: positions follow commit order.
CREATE TABLE event_sequence (
    tenant_id     UUID   NOT NULL,
    last_position BIGINT NOT NULL,
    CONSTRAINT event_sequence_pk PRIMARY KEY (tenant_id)
);

CREATE ALIAS RAPPORT_ATTR_TYPE DETERMINISTIC FOR 'dev.rapport.crm.jdbc.dialect.H2Functions.attributeType';
CREATE ALIAS RAPPORT_ATTR_TEXT DETERMINISTIC FOR 'dev.rapport.crm.jdbc.dialect.H2Functions.attributeText';
CREATE ALIAS RAPPORT_ATTR_NUMBER DETERMINISTIC FOR 'dev.rapport.crm.jdbc.dialect.H2Functions.attributeNumber';
CREATE ALIAS RAPPORT_ATTR_DATE DETERMINISTIC FOR 'dev.rapport.crm.jdbc.dialect.H2Functions.attributeDate';
CREATE ALIAS RAPPORT_ATTR_TIMESTAMP DETERMINISTIC FOR 'dev.rapport.crm.jdbc.dialect.H2Functions.attributeTimestamp';
CREATE ALIAS RAPPORT_ATTR_LIST_CONTAINS DETERMINISTIC FOR 'dev.rapport.crm.jdbc.dialect.H2Functions.attributeListContains';
CREATE ALIAS RAPPORT_ATTR_LIST_EQUALS DETERMINISTIC FOR 'dev.rapport.crm.jdbc.dialect.H2Functions.attributeListEquals';
