-- Rapport service cases (H2 2.x): an SLA policy update recomputes the policy's active cases,
-- read 200 at a time in case id order, each page starting after the last id of the one before
-- (CaseStore.activeWithPolicy). With id in the index, each page is a range scan from where the
-- last one ended; without it, every page read and sorted all of the policy's cases.
-- (MariaDB needs no change: InnoDB ends every secondary index with the primary key, tenant_id, id.)
DROP INDEX cases_sla_policy_idx;
CREATE INDEX cases_sla_policy_idx ON cases (tenant_id, sla_policy_id, id);
