package io.coxswain.ledger.query;

import io.coxswain.ledger.Ledger;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What the CLI and the web UI read from the projections of commands, interventions, checkpoints, rule set loads
 * and run tags. A Jdbi SqlObject: {@code jdbi.onDemand(ProjectionReads.class)} or {@link #connect(String)}.
 */
public interface ProjectionReads {
    String COMMAND_COLUMNS = """
            command_id, run_id, issued_at, source_kind, author, rule, evidence, actions, reason, outcome,
            outcome_detail, answered_at, answered_step, latency_ms""";
    String INTERVENTION_COLUMNS = """
            command_id, run_id, rule_set, controller, rule, actions, evidence, reason, fired_step, issued_at,
            outcome, outcome_detail, answered_at, answered_step, latency_ms""";
    String CHECKPOINT_COLUMNS = """
            run_id, path, step, bytes, final AS is_final, saved_at, deleted, deleted_at, deleted_reason,
            freed_bytes""";
    String RULE_SET_COLUMNS = """
            event_id, run_id, rule_set, outcome, version, previous_version, controllers, scope, error, at""";

    static ProjectionReads connect(String jdbcUrl) {
        return Ledger.jdbi(jdbcUrl).onDemand(ProjectionReads.class);
    }

    /** The commands sent to a run, in the order issued (those known only by their answer last, by answer time). */
    @SqlQuery("SELECT " + COMMAND_COLUMNS + " FROM commands WHERE run_id = :runId"
            + " ORDER BY issued_at NULLS LAST, answered_at, command_id")
    @RegisterConstructorMapper(CommandRow.class)
    List<CommandRow> commands(@Bind("runId") String runId);

    @SqlQuery("SELECT " + COMMAND_COLUMNS + " FROM commands WHERE command_id = :commandId")
    @RegisterConstructorMapper(CommandRow.class)
    Optional<CommandRow> command(@Bind("commandId") String commandId);

    /** The run's commands still without an answer, oldest first. */
    @SqlQuery("SELECT " + COMMAND_COLUMNS + " FROM commands WHERE run_id = :runId AND outcome = 'pending'"
            + " ORDER BY issued_at, command_id")
    @RegisterConstructorMapper(CommandRow.class)
    List<CommandRow> pendingCommands(@Bind("runId") String runId);

    /** The commands rules issued to a run, in the order issued. */
    @SqlQuery("SELECT " + INTERVENTION_COLUMNS + " FROM interventions WHERE run_id = :runId"
            + " ORDER BY issued_at NULLS LAST, answered_at, command_id")
    @RegisterConstructorMapper(InterventionRow.class)
    List<InterventionRow> interventions(@Bind("runId") String runId);

    /** The commands one rule set issued, to any run, in the order issued. */
    @SqlQuery("SELECT " + INTERVENTION_COLUMNS + " FROM interventions WHERE rule_set = :ruleSet"
            + " ORDER BY issued_at NULLS LAST, answered_at, command_id")
    @RegisterConstructorMapper(InterventionRow.class)
    List<InterventionRow> interventionsOfRuleSet(@Bind("ruleSet") String ruleSet);

    /** The run's checkpoints, by step. */
    @SqlQuery("SELECT " + CHECKPOINT_COLUMNS + " FROM checkpoints WHERE run_id = :runId"
            + " ORDER BY step NULLS LAST, saved_at, path")
    @RegisterConstructorMapper(CheckpointRow.class)
    List<CheckpointRow> checkpoints(@Bind("runId") String runId);

    /** Every load, rejection and removal of one rule set, oldest first. */
    @SqlQuery("SELECT " + RULE_SET_COLUMNS + " FROM rule_set_loads WHERE rule_set = :ruleSet ORDER BY at, event_id")
    @RegisterConstructorMapper(RuleSetLoadRow.class)
    List<RuleSetLoadRow> ruleSetLoads(@Bind("ruleSet") String ruleSet);

    /** Every load, rejection and removal of every rule set, oldest first. */
    @SqlQuery("SELECT " + RULE_SET_COLUMNS + " FROM rule_set_loads ORDER BY at, event_id")
    @RegisterConstructorMapper(RuleSetLoadRow.class)
    List<RuleSetLoadRow> allRuleSetLoads();

    /** The run's tags, in configuration order; empty for an unknown run or one whose start is not stored. */
    @SqlQuery("""
            SELECT t.tag FROM runs r, unnest(r.tags) WITH ORDINALITY AS t(tag, n)
             WHERE r.run_id = :runId ORDER BY t.n""")
    List<String> tags(@Bind("runId") String runId);

    /** The runs carrying a tag, by run id. */
    @SqlQuery("SELECT run_id FROM runs WHERE tags @> ARRAY[CAST(:tag AS text)] ORDER BY run_id")
    List<String> runsTagged(@Bind("tag") String tag);

    /** Per rule set and controller: the commands it sent, and how many were applied, rejected or still pending. */
    @SqlQuery("""
            SELECT rule_set, controller, count(*) AS fired,
                   count(*) FILTER (WHERE outcome = 'applied') AS applied,
                   count(*) FILTER (WHERE outcome = 'rejected') AS rejected,
                   count(*) FILTER (WHERE outcome = 'pending') AS pending
              FROM interventions WHERE rule_set IS NOT NULL
             GROUP BY rule_set, controller ORDER BY rule_set, controller""")
    @RegisterConstructorMapper(FiringCount.class)
    List<FiringCount> firingCounts();

    /** The latest {@code limit} RuleFailed and RuleSkipped events of any run, newest first. */
    @SqlQuery("""
            SELECT id, event_id, run_id, type, seq, step, event_time AS time, command_id, payload
              FROM events WHERE type IN ('RuleFailed', 'RuleSkipped') ORDER BY id DESC LIMIT :limit""")
    @RegisterConstructorMapper(EventRow.class)
    List<EventRow> recentRuleProblems(@Bind("limit") int limit);
}
