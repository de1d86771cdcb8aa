-- Rapport service cases (PostgreSQL). tenant_id leads every key and index.
-- cases keeps each case whole as JSON in payload; the other columns are what is queried.
-- case_interactions holds one row per linked interaction: its primary key makes an interaction
-- belong to at most one case, even when two transactions link it at once. case_threads finds the
-- cases a new message on a thread attaches to. case_history holds one row per change.
-- priority_rank orders queues (0 low .. 3 urgent); team_id and assignee_id place a case in one; queue_due (next_due_at, or
-- 9999-12-31 23:59:59 when none) and urgency (3 - priority) put queue views in order.

CREATE TABLE cases (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    version     bigint      NOT NULL,
    customer_id uuid        NOT NULL,
    status      varchar(16) NOT NULL,
    priority    varchar(16) NOT NULL,
    priority_rank smallint  NOT NULL,
    team_id     uuid,
    assignee_id uuid,
    sla_policy_id uuid,
    next_due_at timestamptz,
    queue_due   timestamptz NOT NULL,
    urgency     smallint    NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    payload     json        NOT NULL,
    CONSTRAINT cases_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cases_customer_idx ON cases (tenant_id, customer_id);
-- Serves a team's queue of waiting cases, most urgent first, then oldest first.
CREATE INDEX cases_waiting_idx ON cases (tenant_id, team_id, next_due_at, priority_rank DESC, created_at, id)
    WHERE assignee_id IS NULL AND status NOT IN ('SOLVED', 'CLOSED');
CREATE INDEX cases_sla_policy_idx ON cases (tenant_id, sla_policy_id);
-- Serve queue views: one per leading filter, each in queue order (due, urgency, created, id).
CREATE INDEX cases_queue_team_idx ON cases (tenant_id, team_id, queue_due, urgency, created_at, id);
CREATE INDEX cases_queue_assignee_idx ON cases (tenant_id, assignee_id, queue_due, urgency, created_at, id);
CREATE INDEX cases_queue_idx ON cases (tenant_id, queue_due, urgency, created_at, id);

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

-- Agents and teams, each kept whole as JSON; agent_teams lists each team's members.
CREATE TABLE agents (
    tenant_id  uuid   NOT NULL,
    id         uuid   NOT NULL,
    version    bigint NOT NULL,
    payload    json   NOT NULL,
    CONSTRAINT agents_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE agent_teams (
    tenant_id uuid NOT NULL,
    team_id   uuid NOT NULL,
    agent_id  uuid NOT NULL,
    CONSTRAINT agent_teams_pk PRIMARY KEY (tenant_id, team_id, agent_id)
);

CREATE TABLE teams (
    tenant_id  uuid   NOT NULL,
    id         uuid   NOT NULL,
    version    bigint NOT NULL,
    payload    json   NOT NULL,
    CONSTRAINT teams_pk PRIMARY KEY (tenant_id, id)
);

-- Service-level policies, each kept whole as JSON (its calendar included).
CREATE TABLE sla_policies (
    tenant_id uuid    NOT NULL,
    id        uuid    NOT NULL,
    version   bigint  NOT NULL,
    policy_rank integer NOT NULL,
    payload   json    NOT NULL,
    CONSTRAINT sla_policies_pk PRIMARY KEY (tenant_id, id)
);
