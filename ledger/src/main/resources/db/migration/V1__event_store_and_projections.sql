-- Coxswain ledger, first slice: the event store, two projections, stored consumer offsets and the quarantine.
-- Later migrations add a per-run sequence and hash chain to events, the append-only role, audit and savings.

-- levenshtein() for "did you mean" suggestions on unknown run ids (a trusted extension since PostgreSQL 13).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- Every run event and every control command, once, as it came. Never updated, never deleted.
CREATE TABLE events (
    id               bigserial   PRIMARY KEY,
    event_id         text        NOT NULL UNIQUE,  -- an event's eventId; a command's 'control:<partition>:<offset>'
    run_id           text        NOT NULL,
    experiment_id    text,
    type             text        NOT NULL,         -- the event type, or 'ControlCommand'
    seq              bigint,                       -- the producer's per-run sequence; null for commands
    step             bigint,                       -- null for commands
    event_time       timestamptz NOT NULL,         -- the event's time; a command's issuedAt, else its record time
    payload          jsonb       NOT NULL,         -- the whole flat JSON message
    command_id       text,                         -- for commands and for the events that answer them
    source_topic     text        NOT NULL,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_run_idx ON events (run_id, id);
CREATE INDEX events_command_idx ON events (command_id) WHERE command_id IS NOT NULL;

-- One row per run: what it is and where it stands. Rebuildable from events.
CREATE TABLE runs (
    run_id        text             PRIMARY KEY,
    experiment_id text,
    workload      text,
    status        text             NOT NULL CHECK (status IN ('running', 'finished')),
    seed          bigint,
    planned_steps bigint,
    started_at    timestamptz,
    finished_at   timestamptz,
    finish_reason text,
    finish_detail text,
    last_step     bigint,
    last_loss     double precision,
    learning_rate double precision,
    batch_size    integer,
    config        jsonb,
    updated_at    timestamptz      NOT NULL  -- when the ledger last changed this row
);
CREATE INDEX runs_newest_idx ON runs (started_at DESC NULLS LAST);

-- Every parameter a run changed while training: who, what, why, when, at which step. Rebuildable from events.
CREATE TABLE parameter_changes (
    event_id    text        PRIMARY KEY REFERENCES events (event_id),  -- the ParameterChanged event
    run_id      text        NOT NULL,
    step        bigint      NOT NULL,
    param       text        NOT NULL,
    old_value   jsonb,
    new_value   jsonb,
    command_id  text,
    source_kind text,                          -- user | rule | replay
    author      text,
    rule        text,
    evidence    jsonb,
    reason      text,                          -- the command's reason, when the command is in the ledger
    changed_at  timestamptz NOT NULL
);
CREATE INDEX parameter_changes_run_idx ON parameter_changes (run_id, step);
CREATE INDEX parameter_changes_command_idx ON parameter_changes (command_id);

-- The next offset to read per consumer group and partition, written in the same transaction as the rows it produced.
CREATE TABLE consumer_offsets (
    group_id    text        NOT NULL,
    topic       text        NOT NULL,
    partition   integer     NOT NULL,
    next_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, topic, partition)
);

-- Records that could not be decoded, as they came, with the reason.
CREATE TABLE quarantine (
    source_topic     text        NOT NULL,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    record_key       text,                     -- the Kafka key as UTF-8
    raw              bytea,                    -- the record's value, untouched
    reason           text        NOT NULL,
    run_id           text,                     -- when it could be read
    message_id       text,                     -- the event id or command id, when it could be read
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_topic, source_partition, source_offset)
);
