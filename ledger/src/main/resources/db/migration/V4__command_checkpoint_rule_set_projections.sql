-- Coxswain ledger: the projections of commands (and the interventions among them), checkpoints and rule set loads,
-- and the tags of runs. Every table here is rebuilt from events by `cox ledger rebuild`; each is written so that
-- the rows end the same whatever the order and batching in which the events arrive.

-- The run's configuration tags (config.tags, its strings); null until its RunStarted arrives.
ALTER TABLE runs ADD COLUMN tags text[];
CREATE INDEX runs_tags_idx ON runs USING gin (tags);

-- Whether an answer (outcome, time, event id) replaces the one a command's row holds: the answer that goes furthest
-- (applied over rejected over ignored over none), then the earliest, then the smallest event id. A total order, so
-- the row ends the same whatever order its answers come in; a redelivered command answered 'duplicate' keeps the
-- outcome of its first delivery.
CREATE FUNCTION command_outcome_rank(outcome text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE outcome WHEN 'applied' THEN 3 WHEN 'rejected' THEN 2 WHEN 'ignored' THEN 1 ELSE 0 END
$$;
CREATE FUNCTION command_answer_wins(outcome text, at timestamptz, event_id text,
                                    held_outcome text, held_at timestamptz, held_event_id text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT command_outcome_rank(outcome) > command_outcome_rank(held_outcome)
        OR (command_outcome_rank(outcome) = command_outcome_rank(held_outcome)
            AND (held_at IS NULL OR (at, event_id) < (held_at, held_event_id)))
$$;

-- Whether an event (time, event id) is later than the one a row holds (none held: it is). Last writer wins, by the
-- events' own times, so the row ends the same whatever order the events come in.
CREATE FUNCTION event_is_later(at timestamptz, event_id text, held_at timestamptz, held_event_id text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT held_at IS NULL OR (at, event_id) > (held_at, held_event_id)
$$;

-- One row per command id: when and by whom it was issued (its first stored delivery), and how the run answered.
-- A row whose answer came first has no issued_at, and the answer's copy of the source, until the command is stored.
CREATE TABLE commands (
    command_id      text        PRIMARY KEY,
    run_id          text        NOT NULL,
    issued_at       timestamptz,                  -- its issuedAt, else its record's time; null: command not stored
    source_kind     text,                         -- user | rule | replay
    author          text,
    rule            text,                         -- for rules: '<rule set>/<controller>'
    evidence        jsonb,
    actions         jsonb,                        -- the command's actions as sent
    reason          text,
    outcome         text        NOT NULL DEFAULT 'pending'
                                CHECK (outcome IN ('pending', 'applied', 'rejected', 'ignored')),
    outcome_detail  text,                         -- the rejection's reason; 'duplicate' or 'no-op' when ignored
    answered_at     timestamptz,                  -- the deciding answer's time (the earliest of equal outcomes)
    answered_step   bigint,
    answer_event_id text,
    latency_ms      double precision GENERATED ALWAYS AS (
                        extract(epoch FROM answered_at - issued_at) * 1000) STORED
);
CREATE INDEX commands_run_idx ON commands (run_id, issued_at);

-- The commands rules issued: the rule set and controller that fired, what they did, on what evidence, and the outcome.
CREATE VIEW interventions AS
SELECT command_id, run_id,
       CASE WHEN strpos(rule, '/') > 0 THEN split_part(rule, '/', 1) END AS rule_set,
       CASE WHEN strpos(rule, '/') > 0 THEN substr(rule, strpos(rule, '/') + 1) ELSE rule END AS controller,
       rule, actions, evidence, reason,
       CASE WHEN evidence -> 'step' IS NOT NULL AND (evidence ->> 'step') ~ '^[0-9]{1,18}$'
            THEN (evidence ->> 'step')::bigint END AS fired_step,
       issued_at, outcome, outcome_detail, answered_at, answered_step, latency_ms
  FROM commands
 WHERE source_kind = 'rule';

-- One row per checkpoint file of a run: its latest save, and its deletion when that came after the save.
CREATE TABLE checkpoints (
    run_id           text        NOT NULL,
    path             text        NOT NULL,
    step             bigint,
    bytes            bigint,
    final            boolean,
    saved_at         timestamptz,
    saved_event_id   text,
    deleted_at       timestamptz,
    deleted_step     bigint,
    deleted_reason   text,
    freed_bytes      bigint,
    deleted_event_id text,
    deleted          boolean     GENERATED ALWAYS AS (
                         deleted_at IS NOT NULL AND (saved_at IS NULL OR deleted_at >= saved_at)) STORED,
    PRIMARY KEY (run_id, path)
);

-- Every load, rejection and removal of a rule set (published under the pseudo-run 'rules:<name>').
CREATE TABLE rule_set_loads (
    event_id         text        PRIMARY KEY REFERENCES events (event_id),
    run_id           text        NOT NULL,
    rule_set         text        NOT NULL,
    outcome          text        NOT NULL CHECK (outcome IN ('loaded', 'rejected', 'removed')),
    version          text,
    previous_version text,
    controllers      jsonb,                        -- the controllers' names, in file order, when loaded
    scope            jsonb,                        -- the runs it applies to, when loaded
    error            text,                         -- what is wrong, when rejected
    at               timestamptz NOT NULL
);
CREATE INDEX rule_set_loads_name_idx ON rule_set_loads (rule_set, at);
