package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The SQL behind {@link LedgerQueries}. */
interface LedgerReads {
    String RUN_COLUMNS = """
            run_id, experiment_id, workload, status, seed, planned_steps, started_at, finished_at, finish_reason,
            finish_detail, last_step, last_loss, learning_rate, batch_size, config, updated_at""";

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM runs ORDER BY started_at DESC NULLS LAST, updated_at DESC, run_id"
            + " LIMIT :limit")
    @RegisterConstructorMapper(RunSummary.class)
    List<RunSummary> runs(@Bind("limit") int limit);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM runs WHERE run_id = :runId")
    @RegisterConstructorMapper(RunSummary.class)
    Optional<RunSummary> run(@Bind("runId") String runId);

    /** Runs with their tags, epoch, last rule intervention and savings; each filter applies when not null. */
    @SqlQuery("""
            SELECT r.run_id, r.experiment_id, r.workload, r.status, r.seed, r.planned_steps, r.started_at,
                   r.finished_at, r.finish_reason, r.finish_detail, r.last_step, r.last_loss, r.learning_rate,
                   r.batch_size, r.config, r.updated_at,
                   to_jsonb(coalesce(r.tags, CAST('{}' AS text[]))) AS tags,
                   (SELECT CAST(e.payload ->> 'epoch' AS double precision) FROM events e
                     WHERE e.run_id = r.run_id AND e.type = 'StepCompleted' AND e.step = r.last_step
                     ORDER BY e.run_seq DESC LIMIT 1) AS epoch,
                   li.rule AS intervention_rule, li.actions AS intervention_actions,
                   coalesce(li.fired_step, li.answered_step) AS intervention_step,
                   li.outcome AS intervention_outcome,
                   sv.items AS savings_items, sv.measured AS saved_seconds_measured,
                   sv.estimated AS saved_seconds_estimated
              FROM runs r
              LEFT JOIN LATERAL (
                   SELECT rule, actions, fired_step, answered_step, outcome FROM interventions i
                    WHERE i.run_id = r.run_id
                    ORDER BY i.issued_at DESC NULLS LAST, i.answered_at DESC NULLS LAST, i.command_id DESC
                    LIMIT 1) li ON true
              LEFT JOIN LATERAL (
                   SELECT count(*) AS items,
                          coalesce(sum(s.seconds) FILTER (WHERE s.seconds_measure = 'measured'), 0) AS measured,
                          coalesce(sum(s.seconds) FILTER (WHERE s.seconds_measure = 'estimated'), 0) AS estimated
                     FROM savings s WHERE s.run_id = r.run_id) sv ON true
             WHERE (CAST(:runId AS text) IS NULL OR r.run_id = :runId)
               AND (CAST(:experiment AS text) IS NULL OR r.experiment_id = :experiment)
               AND (CAST(:tag AS text) IS NULL OR r.tags @> ARRAY[CAST(:tag AS text)])
             ORDER BY r.started_at DESC NULLS LAST, r.updated_at DESC, r.run_id
             LIMIT :limit""")
    @RegisterConstructorMapper(RunOverview.class)
    List<RunOverview> overviews(@Bind("runId") String runId, @Bind("experiment") String experiment,
                                @Bind("tag") String tag, @Bind("limit") int limit);

    /** Other run ids within {@code maxDistance} edits of {@code runId}, or starting with it; ignoring case. */
    @SqlQuery("""
            SELECT run_id FROM runs
             WHERE run_id <> :runId
               AND octet_length(run_id) <= 255
               AND (levenshtein(lower(run_id), lower(:runId)) <= :maxDistance
                    OR starts_with(lower(run_id), lower(:runId)))
             ORDER BY levenshtein(lower(run_id), lower(:runId)), run_id
             LIMIT :max""")
    List<String> similarRunIds(@Bind("runId") String runId, @Bind("maxDistance") int maxDistance,
                               @Bind("max") int max);

    @SqlQuery("""
            SELECT pc.event_id, pc.run_id, pc.step, pc.param, pc.old_value, pc.new_value, pc.command_id,
                   pc.source_kind, pc.author, pc.rule, pc.evidence, pc.reason, pc.changed_at
              FROM parameter_changes pc JOIN events e ON e.event_id = pc.event_id
             WHERE pc.run_id = :runId
             ORDER BY e.id""")
    @RegisterConstructorMapper(ParameterChangeRow.class)
    List<ParameterChangeRow> parameterChanges(@Bind("runId") String runId);

    @SqlQuery("SELECT count(*) FROM events WHERE run_id = :runId")
    long eventCount(@Bind("runId") String runId);

    @SqlQuery("""
            SELECT id, event_id, run_id, type, seq, step, event_time AS time, command_id, payload FROM (
                SELECT * FROM events WHERE run_id = :runId ORDER BY id DESC LIMIT :limit) latest
             ORDER BY id""")
    @RegisterConstructorMapper(EventRow.class)
    List<EventRow> latestEvents(@Bind("runId") String runId, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT payload FROM events WHERE run_id = :runId AND type = 'RunStarted' ORDER BY run_seq LIMIT 1""")
    Optional<JsonNode> firstStart(@Bind("runId") String runId);

    @SqlQuery("""
            SELECT payload FROM events WHERE run_id = :runId AND type = 'StepCompleted' AND step = :step
             ORDER BY run_seq LIMIT 1""")
    Optional<JsonNode> stepCompleted(@Bind("runId") String runId, @Bind("step") long step);

    /** The run's ParameterChanged events up to and including {@code step}, in the order they were stored. */
    @SqlQuery("""
            SELECT payload FROM events WHERE run_id = :runId AND type = 'ParameterChanged' AND step <= :step
             ORDER BY run_seq""")
    List<JsonNode> changesUpTo(@Bind("runId") String runId, @Bind("step") long step);

    /** The run's commands and what answered or acted on them, in the order stored (for the audit timeline). */
    @SqlQuery("""
            SELECT id, event_id, run_id, type, seq, step, event_time AS time, command_id, payload
              FROM events
             WHERE run_id = :runId
               AND type IN ('RunStarted', 'ControlCommand', 'ParameterChanged', 'TriggerFired', 'CommandRejected',
                            'CommandIgnored', 'CheckpointLoaded', 'RunPaused', 'RunResumed', 'ScheduleRejected',
                            'RuleFailed', 'RuleSkipped', 'ControlLogged', 'BatchFlagged', 'RunFinished')
             ORDER BY run_seq""")
    @RegisterConstructorMapper(EventRow.class)
    List<EventRow> auditTimeline(@Bind("runId") String runId);

    /** The state at the end of {@code step}, over one snapshot. */
    @Transaction(TransactionIsolationLevel.REPEATABLE_READ)
    default Optional<RunStateAt> stateAt(String runId, long step) {
        return firstStart(runId).map(start -> StateRebuild.of(runId, step, start, changesUpTo(runId, step),
                stepCompleted(runId, step).orElse(null)));
    }

    @SqlQuery("""
            SELECT id, event_id, run_id, type, seq, step, event_time AS time, command_id, payload
              FROM events WHERE run_id = :runId AND type <> 'ControlCommand' ORDER BY id""")
    @RegisterConstructorMapper(EventRow.class)
    List<EventRow> runEvents(@Bind("runId") String runId);

    @SqlQuery("""
            SELECT source_topic, source_partition, source_offset, record_key, raw, reason, run_id, message_id,
                   recorded_at
              FROM quarantine ORDER BY recorded_at DESC, source_topic, source_partition, source_offset DESC
             LIMIT :limit""")
    @RegisterConstructorMapper(QuarantineRow.class)
    List<QuarantineRow> quarantine(@Bind("limit") int limit);
}
