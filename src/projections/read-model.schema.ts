/**
 * Tables of the read database. Changing them means bumping READ_MODEL_SCHEMA_VERSION (a file of
 * another version is emptied and recreated on open) and CASE_PROJECTION_VERSION (a rebuild).
 * Every index is named and created IF NOT EXISTS: a bulk load drops them and this recreates them.
 */
export const READ_MODEL_SCHEMA_VERSION = 6;

export const READ_MODEL_TABLES = ['cases', 'quality', 'clocks', 'disruptions', 'charging', 'rulesets', 'dirty_cases', 'checkpoints'] as const;

/** The clocks the breaches list can show: clocks_by_start indexes these, and the list's query says so in these words. */
export const BREACH_CANDIDATE = "(verdict IS NULL OR verdict = 'breached')";

export const READ_MODEL_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  projection TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  position TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
  case_id TEXT PRIMARY KEY,
  force TEXT NOT NULL,
  area TEXT,
  jurisdiction TEXT NOT NULL,
  status TEXT NOT NULL,
  risk_level TEXT,
  group_based INTEGER NOT NULL,
  opened_at TEXT NOT NULL,
  opened_at_ms INTEGER NOT NULL,
  closed_at TEXT,
  outcome_code INTEGER,
  revision INTEGER NOT NULL,
  -- Rises every time the case is re-derived: a reader keeping its own index of the read models
  -- (the inspection figures) asks for the cases derived after the last value it saw.
  derived_seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_derived ON cases (derived_seq);
CREATE INDEX IF NOT EXISTS cases_by_force_opened ON cases (force, opened_at_ms, case_id);
CREATE INDEX IF NOT EXISTS cases_by_opened ON cases (opened_at_ms, case_id);
CREATE TABLE IF NOT EXISTS quality (
  case_id TEXT PRIMARY KEY,
  force TEXT NOT NULL,
  area TEXT,
  opened_at_ms INTEGER NOT NULL,
  events INTEGER NOT NULL,
  late_events INTEGER NOT NULL,
  victim_ethnicity INTEGER NOT NULL,
  victim_sex INTEGER NOT NULL,
  victim_age INTEGER NOT NULL,
  suspects INTEGER NOT NULL,
  suspect_ethnicity INTEGER NOT NULL,
  suspect_sex INTEGER NOT NULL,
  suspect_age INTEGER NOT NULL,
  crimes INTEGER NOT NULL,
  crimes_cse INTEGER NOT NULL,
  crimes_group INTEGER NOT NULL,
  outcome_code INTEGER,
  findings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clocks (
  ruleset_id TEXT NOT NULL,
  ruleset_version INTEGER NOT NULL,
  case_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  cycle_key TEXT NOT NULL,
  force TEXT NOT NULL,
  area TEXT,
  risk_level TEXT,
  start_event_id TEXT NOT NULL,
  start_event_type TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  due_at_ms INTEGER,
  stop_event_id TEXT,
  stop_event_type TEXT,
  stopped_at_ms INTEGER,
  verdict TEXT,
  elapsed_ms INTEGER
);
-- A case's clocks are replaced together. (A case has one clock per ruleset version, rule and cycle
-- by construction; the narrow index is a third of the size of that key's, and a rebuild builds it.)
CREATE INDEX IF NOT EXISTS clocks_by_case ON clocks (case_id);
-- The breaches list pages in start order within a ruleset version (SQLite sorts the few clocks
-- that start at the same instant by the rest of the order): without it every page sorts every
-- clock of the version. Only clocks that can be on it (breached, or still running) are indexed:
-- met and completed ones are most of them. A query uses it when its WHERE has this term as is.
CREATE INDEX IF NOT EXISTS clocks_by_start ON clocks (ruleset_id, ruleset_version, started_at_ms) WHERE ${BREACH_CANDIDATE};
CREATE TABLE IF NOT EXISTS disruptions (
  event_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  force TEXT NOT NULL,
  area TEXT,
  tool TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  occurred_at_ms INTEGER NOT NULL,
  occurred_month TEXT NOT NULL,
  breaches INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS disruptions_by_case ON disruptions (case_id);
CREATE TABLE IF NOT EXISTS charging (
  event_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  force TEXT NOT NULL,
  area TEXT,
  decided_by TEXT NOT NULL,
  outcome TEXT NOT NULL,
  test TEXT,
  occurred_at_ms INTEGER NOT NULL,
  occurred_month TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS charging_by_case ON charging (case_id);
CREATE TABLE IF NOT EXISTS dirty_cases (
  case_id TEXT PRIMARY KEY
);
-- Not a read model (a reset keeps it): derived_seq stamps are handed out from here, a block per
-- transaction, so that connections writing in turn never stamp twice and the stamps never go back.
CREATE TABLE IF NOT EXISTS counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO counters (name, value) VALUES ('derived_seq', 0);
CREATE TABLE IF NOT EXISTS rulesets (
  ruleset_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (ruleset_id, version)
);
`;
