package io.coxswain.ledger.savings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The SQL behind {@link RunFactsReader} and {@link SavingsQueries}; every read uses the (run_id, type, step) index. */
interface SavingsReads {

    /** One row per run with steps: what {@link StepTimes} computes, summed up in the database (one JSON read a row). */
    @SqlQuery("""
            SELECT run_id, count(*) AS steps, max(step) AS last_step, coalesce(max(epoch), 0) AS last_epoch,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds,
                   count(*) FILTER (WHERE metered) AS metered_steps,
                   coalesce(sum(joules) FILTER (WHERE metered), 0) AS metered_joules,
                   coalesce(sum(seconds) FILTER (WHERE metered), 0) AS metered_seconds,
                   string_agg(DISTINCT meter, '+' ORDER BY meter) FILTER (WHERE metered) AS meters
              FROM (SELECT run_id, step, r.epoch, r."stepSeconds" AS seconds, r."energyJoules" AS joules,
                           r."energySource" AS meter,
                           coalesce(r."energySource" IN ('rapl', 'nvml') AND r."energyJoules" IS NOT NULL, false)
                               AS metered
                      FROM events, jsonb_to_record(payload) AS r(epoch float8, "stepSeconds" float8,
                                                                "energyJoules" float8, "energySource" text)
                     WHERE run_id = ANY(:runIds) AND type = 'StepCompleted') steps
             GROUP BY run_id""")
    @RegisterConstructorMapper(StepRow.class)
    List<StepRow> stepRows(@Bind("runIds") String[] runIds);

    /**
     * The events {@link RunFactsFold} needs besides the steps: starts, checkpoints, changes, triggers, ends, and the
     * StepCompleted of each step after which an epoch_stop was applied; per run in stored order.
     */
    @SqlQuery("""
            SELECT run_id, event_id, payload FROM (
                SELECT run_id, run_seq, event_id, payload FROM events
                 WHERE run_id = ANY(:runIds)
                   AND type IN ('RunStarted', 'CheckpointSaved', 'ParameterChanged', 'TriggerFired', 'RunFinished')
                UNION
                SELECT s.run_id, s.run_seq, s.event_id, s.payload
                  FROM events t JOIN events s ON s.run_id = t.run_id AND s.type = 'StepCompleted' AND s.step = t.step
                 WHERE t.run_id = ANY(:runIds) AND t.type = 'TriggerFired' AND t.payload->>'name' = 'epoch_stop'
            ) facts
             ORDER BY run_id, run_seq""")
    @RegisterConstructorMapper(StoredEvent.class)
    List<StoredEvent> factEvents(@Bind("runIds") String[] runIds);

    @SqlQuery("SELECT run_id FROM runs ORDER BY experiment_id NULLS LAST, started_at NULLS LAST, run_id")
    List<String> runIds();

    @SqlQuery("SELECT run_id FROM runs WHERE experiment_id = :experimentId ORDER BY started_at NULLS LAST, run_id")
    List<String> runIdsOfExperiment(@Bind("experimentId") String experimentId);

    /** Other experiment ids within {@code maxDistance} edits of {@code experimentId}, or starting with it. */
    @SqlQuery("""
            SELECT experiment_id FROM (SELECT DISTINCT experiment_id FROM runs WHERE experiment_id IS NOT NULL) e
             WHERE experiment_id <> :experimentId
               AND octet_length(experiment_id) <= 255
               AND (levenshtein(lower(experiment_id), lower(:experimentId)) <= :maxDistance
                    OR starts_with(lower(experiment_id), lower(:experimentId)))
             ORDER BY levenshtein(lower(experiment_id), lower(:experimentId)), experiment_id
             LIMIT :max""")
    List<String> similarExperimentIds(@Bind("experimentId") String experimentId,
                                      @Bind("maxDistance") int maxDistance, @Bind("max") int max);

    /** A run's steps summed up by the database. */
    record StepRow(String runId, long steps, long lastStep, double lastEpoch, double medianSeconds,
                   long meteredSteps, double meteredJoules, double meteredSeconds, String meters) {
        StepStats stats() {
            return new StepStats(steps, lastStep, lastEpoch, medianSeconds, meteredSteps, meteredJoules,
                    meteredSeconds, meters);
        }
    }

    /** One stored event's payload (the whole flat JSON message). */
    record StoredEvent(String runId, String eventId, JsonNode payload) {
    }
}
