-- Rapport service cases (H2 2.x). tenant_id leads every key and index.
-- cases keeps each case whole as JSON text in payload; the other columns are what is queried.
-- case_interactions holds one row per linked interaction: its primary key makes an interaction
-- belong to at most one case, even when two transactions link it at once. case_threads finds the
-- cases a new message on a thread attaches to. case_history holds one row per change.
-- priority_rank orders queues (0 low .. 3 urgent); team_id and assignee_id place a case in one; queue_due (next_due_at, or
-- 9999-12-31 23:59:59 when none) and urgency (3 - priority) put queue views in order.

CREATE TABLE cases (
    tenant_id   UUID                        NOT NULL,
    id          UUID                        NOT NULL,
    version     BIGINT                      NOT NULL,
    customer_id UUID                        NOT NULL,
    status      CHARACTER VARYING(16)       NOT NULL,
    priority    CHARACTER VARYING(16)       NOT NULL,
    priority_rank SMALLINT                  NOT NULL,
    team_id     UUID,
    assignee_id UUID,
    sla_policy_id UUID,
    next_due_at TIMESTAMP(6) WITH TIME ZONE,
    queue_due   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    urgency     SMALLINT                    NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    payload     CHARACTER VARYING           NOT NULL,
    CONSTRAINT cases_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cases_customer_idx ON cases (tenant_id, customer_id);
-- Serves a team's queue of waiting cases, most urgent first, then oldest first.
CREATE INDEX cases_waiting_idx ON cases (tenant_id, team_id, assignee_id, next_due_at, priority_rank, created_at, id);
CREATE INDEX cases_sla_policy_idx ON cases (tenant_id, sla_policy_id);
-- Serve queue views: one per leading filter, each in queue order (due, urgency, created, id).
CREATE INDEX cases_queue_team_idx ON cases (tenant_id, team_id, queue_due, urgency, created_at, id);
CREATE INDEX cases_queue_assignee_idx ON cases (tenant_id, assignee_id, queue_due, urgency, created_at, id);
CREATE INDEX cases_queue_idx ON cases (tenant_id, queue_due, urgency, created_at, id);

CREATE TABLE case_interactions (
    tenant_id      UUID NOT NULL,
    interaction_id UUID NOT NULL,
    case_id        UUID NOT NULL,
    CONSTRAINT case_interactions_pk PRIMARY KEY (tenant_id, interaction_id)
);
CREATE INDEX case_interactions_case_idx ON case_interactions (tenant_id, case_id);

CREATE TABLE case_threads (
    tenant_id UUID              NOT NULL,
    thread_id CHARACTER VARYING NOT NULL,
    case_id   UUID              NOT NULL,
    CONSTRAINT case_threads_pk PRIMARY KEY (tenant_id, thread_id, case_id)
);
CREATE INDEX case_threads_case_idx ON case_threads (tenant_id, case_id);

CREATE TABLE case_history (
    tenant_id  UUID                        NOT NULL,
    case_id    UUID                        NOT NULL,
    version    BIGINT                      NOT NULL,
    idx        INTEGER                     NOT NULL,
    changed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    payload    CHARACTER VARYING           NOT NULL,
    CONSTRAINT case_history_pk PRIMARY KEY (tenant_id, case_id, version, idx)
);

-- Agents and teams, each kept whole as JSON text; agent_teams lists each team's members.
CREATE TABLE agents (
    tenant_id UUID              NOT NULL,
    id        UUID              NOT NULL,
    version   BIGINT            NOT NULL,
    payload   CHARACTER VARYING NOT NULL,
    CONSTRAINT agents_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE agent_teams (
    tenant_id UUID NOT NULL,
    team_id   UUID NOT NULL,
    agent_id  UUID NOT NULL,
    CONSTRAINT agent_teams_pk PRIMARY KEY (tenant_id, team_id, agent_id)
);

CREATE TABLE teams (
    tenant_id UUID              NOT NULL,
    id        UUID              NOT NULL,
    version   BIGINT            NOT NULL,
    payload   CHARACTER VARYING NOT NULL,
    CONSTRAINT teams_pk PRIMARY KEY (tenant_id, id)
);

-- Service-level policies, each kept whole as JSON text (its calendar included).
CREATE TABLE sla_policies (
    tenant_id UUID              NOT NULL,
    id        UUID              NOT NULL,
    version   BIGINT            NOT NULL,
    policy_rank INTEGER         NOT NULL,
    payload   CHARACTER VARYING NOT NULL,
    CONSTRAINT sla_policies_pk PRIMARY KEY (tenant_id, id)
);
