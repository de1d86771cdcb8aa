-- Rapport service cases (MariaDB; MySQL 8 with binary_collation = utf8mb4_0900_bin).
-- tenant_id leads every key and index. Ids are lower-case CHAR(36) ascii_bin; timestamps are
-- DATETIME(6) holding UTC. cases keeps each case whole as JSON in payload; the other columns are
-- what is queried. case_interactions holds one row per linked interaction: its primary key makes
-- an interaction belong to at most one case, even when two transactions link it at once.
-- case_threads finds the cases a new message on a thread attaches to (thread ids are at most 512
-- characters, as in interactions). case_history holds one row per change. priority_rank orders
-- queues (0 low .. 3 urgent); team_id and assignee_id place a case in one; queue_due (next_due_at, or
-- 9999-12-31 23:59:59 when none) and urgency (3 - priority) put queue views in order.

CREATE TABLE cases (
    tenant_id   CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id          CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version     BIGINT      NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    status      VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    priority    VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    priority_rank SMALLINT  NOT NULL,
    team_id     CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
    assignee_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
    sla_policy_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
    next_due_at DATETIME(6) NULL,
    queue_due   DATETIME(6) NOT NULL,
    urgency     SMALLINT    NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    updated_at  DATETIME(6) NOT NULL,
    payload     JSON        NOT NULL,
    PRIMARY KEY (tenant_id, id),
    KEY cases_customer_idx (tenant_id, customer_id),
    KEY cases_waiting_idx (tenant_id, team_id, assignee_id, next_due_at, priority_rank, created_at, id),
    KEY cases_sla_policy_idx (tenant_id, sla_policy_id),
    KEY cases_queue_team_idx (tenant_id, team_id, queue_due, urgency, created_at, id),
    KEY cases_queue_assignee_idx (tenant_id, assignee_id, queue_due, urgency, created_at, id),
    KEY cases_queue_idx (tenant_id, queue_due, urgency, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE case_interactions (
    tenant_id      CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    interaction_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    case_id        CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (tenant_id, interaction_id),
    KEY case_interactions_case_idx (tenant_id, case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE case_threads (
    tenant_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    thread_id VARCHAR(512) NOT NULL,
    case_id   CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (tenant_id, thread_id, case_id),
    KEY case_threads_case_idx (tenant_id, case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE case_history (
    tenant_id  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    case_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version    BIGINT      NOT NULL,
    idx        INT         NOT NULL,
    changed_at DATETIME(6) NOT NULL,
    payload    JSON        NOT NULL,
    PRIMARY KEY (tenant_id, case_id, version, idx)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

-- Agents and teams, each kept whole as JSON; agent_teams lists each team's members.
CREATE TABLE agents (
    tenant_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id        CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version   BIGINT NOT NULL,
    payload   JSON   NOT NULL,
    PRIMARY KEY (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE agent_teams (
    tenant_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    team_id   CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    agent_id  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (tenant_id, team_id, agent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

CREATE TABLE teams (
    tenant_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id        CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version   BIGINT NOT NULL,
    payload   JSON   NOT NULL,
    PRIMARY KEY (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};

-- Service-level policies, each kept whole as JSON (its calendar included).
CREATE TABLE sla_policies (
    tenant_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id        CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version   BIGINT NOT NULL,
    policy_rank INT  NOT NULL,
    payload   JSON   NOT NULL,
    PRIMARY KEY (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binary_collation};
