-- Rapport service cases (PostgreSQL). tenant_id leads every key and index.
-- cases keeps each case whole as JSON in payload; the other columns are what is queried.
-- case_interactions holds one row per linked interaction: its primary key makes an interaction
-- belong to at most one case, even when two transactions link it at once. case_threads finds the
-- cases a new message on a thread attaches to. case_history holds one row per change.

CREATE TABLE cases (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    version     bigint      NOT NULL,
    customer_id uuid        NOT NULL,
    status      varchar(16) NOT NULL,
    priority    varchar(16) NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    payload     json        NOT NULL,
    CONSTRAINT cases_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cases_customer_idx ON cases (tenant_id, customer_id);

CREATE TABLE case_interactions (
    tenant_id      uuid NOT NULL,
    interaction_id uuid NOT NULL,
    case_id        uuid NOT NULL,
    CONSTRAINT case_interactions_pk PRIMARY KEY (tenant_id, interaction_id)
);
CREATE INDEX case_interactions_case_idx ON case_interactions (tenant_id, case_id);

CREATE TABLE case_threads (
    tenant_id uuid             NOT NULL,
    thread_id text COLLATE "C" NOT NULL,
    case_id   uuid             NOT NULL,
    CONSTRAINT case_threads_pk PRIMARY KEY (tenant_id, thread_id, case_id)
);
CREATE INDEX case_threads_case_idx ON case_threads (tenant_id, case_id);

CREATE TABLE case_history (
    tenant_id  uuid        NOT NULL,
    case_id    uuid        NOT NULL,
    version    bigint      NOT NULL,
    idx        integer     NOT NULL,
    changed_at timestamptz NOT NULL,
    payload    json        NOT NULL,
    CONSTRAINT case_history_pk PRIMARY KEY (tenant_id, case_id, version, idx)
);
