-- Coxswain ledger: what each intervention saved, per run. A projection: SavingsStore.refresh recomputes a run's rows
-- from its events (delete, then insert), so it can be rebuilt at any time. Definitions: ledger/README.md.
--
-- Each figure is three columns: the amount saved (negative when the intervention cost more than the baseline),
-- whether it was measured or estimated, and the arithmetic behind it; all three are null where the figure does not
-- apply (no time or energy for checkpoint storage, no bytes for a stop or a live change).
CREATE TABLE savings (
    run_id          text             NOT NULL,
    item_no         integer          NOT NULL,  -- the item's position among its run's items, from 1
    experiment_id   text,
    kind            text             NOT NULL CHECK (kind IN ('early_stop', 'live_change', 'checkpoint_storage')),
    step            bigint           NOT NULL,  -- the stop's or change's step; the last step for checkpoint storage
    command_id      text,                       -- the command behind it, when known
    source_kind     text             CHECK (source_kind IN ('user', 'rule', 'replay')),
    author          text,
    rule            text,                       -- '<set>/<controller>' when a rule sent the command
    seconds         double precision,
    seconds_measure text             CHECK (seconds_measure IN ('measured', 'estimated')),
    seconds_basis   text,
    energy_joules   double precision,
    energy_measure  text             CHECK (energy_measure IN ('measured', 'estimated')),
    energy_basis    text,
    bytes           double precision,
    bytes_measure   text             CHECK (bytes_measure IN ('measured', 'estimated')),
    bytes_basis     text,
    computed_at     timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, item_no),
    CHECK ((seconds IS NULL) = (seconds_measure IS NULL) AND (seconds IS NULL) = (seconds_basis IS NULL)),
    CHECK ((energy_joules IS NULL) = (energy_measure IS NULL) AND (energy_joules IS NULL) = (energy_basis IS NULL)),
    CHECK ((bytes IS NULL) = (bytes_measure IS NULL) AND (bytes IS NULL) = (bytes_basis IS NULL))
);
CREATE INDEX savings_experiment_idx ON savings (experiment_id);
CREATE INDEX savings_rule_idx ON savings (rule) WHERE rule IS NOT NULL;
