-- Coxswain ledger: every run's events form a hash chain, and the events table is append-only, enforced here.
--
-- run_seq      the row's position among its run's rows (events and commands), from 1, without gaps
-- prev_hash    the content_hash of the run's previous row; null for the first
-- content_hash SHA-256 of the row's content (run, position, ids, type, sequence, step, time, command id, the whole
--              payload) and prev_hash: altering or removing any row breaks the chain at that row or the next

ALTER TABLE events ADD COLUMN run_seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN content_hash bytea;

-- The one definition of a row's hash, used when a row is stored and when a chain is verified.
CREATE FUNCTION events_content_hash(run_id text, run_seq bigint, event_id text, experiment_id text, type text,
                                    seq bigint, step bigint, event_time timestamptz, command_id text, payload jsonb,
                                    prev_hash bytea)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(convert_to(jsonb_build_array(run_id, run_seq, event_id, experiment_id, type, seq, step,
                                               floor(extract(epoch FROM event_time) * 1000000)::bigint, command_id,
                                               payload)::text, 'UTF8')
                  || coalesce(prev_hash, ''::bytea))
$$;

-- Rows stored before this migration join the chains in the order they were stored.
DO $$
DECLARE
    r record;
    last_run text := NULL;
    n bigint := 0;
    previous bytea := NULL;
    h bytea;
BEGIN
    FOR r IN SELECT * FROM events ORDER BY run_id, id LOOP
        IF last_run IS DISTINCT FROM r.run_id THEN
            last_run := r.run_id;
            n := 0;
            previous := NULL;
        END IF;
        n := n + 1;
        h := events_content_hash(r.run_id, n, r.event_id, r.experiment_id, r.type, r.seq, r.step, r.event_time,
                                 r.command_id, r.payload, previous);
        UPDATE events SET run_seq = n, prev_hash = previous, content_hash = h WHERE id = r.id;
        previous := h;
    END LOOP;
END $$;

ALTER TABLE events ALTER COLUMN run_seq SET NOT NULL, ALTER COLUMN content_hash SET NOT NULL;
CREATE UNIQUE INDEX events_run_seq_idx ON events (run_id, run_seq);

-- Links each new row to its run's chain. Rows of one run are linked one transaction at a time (an advisory lock per
-- run, held until commit); the ingest inserts a batch's rows sorted by run id, so two writers never wait on each
-- other in a cycle. A duplicate event id (ON CONFLICT DO NOTHING) computes a link and stores nothing.
CREATE FUNCTION events_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    prior record;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('coxswain.events:' || NEW.run_id, 0));
    SELECT run_seq, content_hash INTO prior FROM events WHERE run_id = NEW.run_id ORDER BY run_seq DESC LIMIT 1;
    NEW.run_seq := coalesce(prior.run_seq, 0) + 1;
    NEW.prev_hash := prior.content_hash;
    NEW.content_hash := events_content_hash(NEW.run_id, NEW.run_seq, NEW.event_id, NEW.experiment_id, NEW.type,
                                            NEW.seq, NEW.step, NEW.event_time, NEW.command_id, NEW.payload,
                                            NEW.prev_hash);
    RETURN NEW;
END $$;
CREATE TRIGGER events_link BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_link();

-- Append-only, for every role including the owner: an UPDATE, DELETE or TRUNCATE of events fails.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the events table is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'the ledger keeps every event as it came; projections are rebuilt from it';
END $$;
CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
