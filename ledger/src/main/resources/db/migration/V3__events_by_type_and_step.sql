-- A run's events of one type at or up to a step (state at a step, the step's own event) without scanning the run.
CREATE INDEX events_run_type_step_idx ON events (run_id, type, step);
