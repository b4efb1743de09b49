-- Coxswain ledger: the ledger computes each row's hash itself (io.coxswain.ledger.store.ChainHash, the one definition
-- of it, documented in ledger/README.md) and inserts a batch in one statement; the database no longer hashes, it checks
-- that every inserted row extends its run's chain:
--   run_seq      unique per run (events_run_seq_idx), from 1; a run's first row has no prev_hash, every other one has
--   prev_hash    equal to the content_hash of the run's row at run_seq - 1, stored before or in the same statement
-- so two writers can never fork a chain: a second row at a position fails on the unique index, a row whose predecessor
-- is not (yet) committed fails the check. Rows never change afterwards (events_append_only, V2).
--
-- The hash is the one V2 defined (SHA-256 of jsonb_build_array(run_id, run_seq, event_id, experiment_id, type, seq,
-- step, event_time in microseconds, command_id, payload)::text and prev_hash), now computed in Java over the same
-- bytes, so every row stored before this migration keeps verifying as it is: nothing is re-chained here.

DROP TRIGGER events_link ON events;
DROP FUNCTION events_link();
DROP FUNCTION events_content_hash(text, bigint, text, text, text, bigint, bigint, timestamptz, text, jsonb, bytea);

ALTER TABLE events
    ADD CONSTRAINT events_run_seq_from_one CHECK (run_seq >= 1),
    ADD CONSTRAINT events_hashes_are_sha256 CHECK (octet_length(content_hash) = 32
                                                   AND (prev_hash IS NULL OR octet_length(prev_hash) = 32)),
    ADD CONSTRAINT events_first_row_has_no_prev CHECK ((run_seq = 1) = (prev_hash IS NULL));

-- Once per INSERT statement, over the rows it inserted: each run's rows must follow one another (positions +1, each
-- prev_hash the hash of the row before), and its first row in the statement must extend the row stored at the
-- position before it. Cost: one window over the statement's rows and one index probe per run. The query is planned at
-- each statement (EXECUTE), not once per connection: a plan made while events was nearly empty (hash the whole table)
-- would otherwise stay in use as it grows.
CREATE FUNCTION events_check_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    EXECUTE $check$
        SELECT n.run_id, n.run_seq, n.event_id
          FROM (SELECT run_id, run_seq, event_id, prev_hash,
                       lag(run_seq) OVER w AS before_seq, lag(content_hash) OVER w AS before_hash
                  FROM inserted WINDOW w AS (PARTITION BY run_id ORDER BY run_seq)) n
         WHERE n.run_seq > 1
           AND CASE WHEN n.before_seq IS NOT NULL
                    THEN n.before_seq <> n.run_seq - 1 OR n.prev_hash IS DISTINCT FROM n.before_hash
                    ELSE NOT EXISTS (SELECT 1 FROM events p
                                      WHERE p.run_id = n.run_id AND p.run_seq = n.run_seq - 1
                                        AND p.content_hash = n.prev_hash) END
         LIMIT 1 $check$ INTO bad;
    IF bad.run_id IS NOT NULL THEN
        RAISE EXCEPTION 'row % of run % (event %) does not extend the run''s hash chain', bad.run_seq, bad.run_id,
            bad.event_id
            USING ERRCODE = 'integrity_constraint_violation',
                  HINT = 'a row''s prev_hash must be the content_hash of the run''s row at run_seq - 1, stored before';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER events_check_links AFTER INSERT ON events REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION events_check_links();
