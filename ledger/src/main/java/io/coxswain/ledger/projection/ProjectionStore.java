package io.coxswain.ledger.projection;

import io.coxswain.ledger.savings.SavingsStore;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Writes a {@link ProjectionPlan} into the projections: {@code runs}, {@code parameter_changes}, {@code commands},
 * {@code checkpoints}, {@code rule_set_loads} and {@code savings}, touching them in that order (the order {@link ProjectionRebuild}
 * locks them in). Call inside the batch's transaction.
 */
public interface ProjectionStore extends SqlObject {

    /** The projection tables, in the order they are written. */
    List<String> TABLES = List.of("runs", "parameter_changes", "commands", "checkpoints", "rule_set_loads",
            "savings");

    /** Projects a batch the ingest stored: {@link #project}, then the savings of the runs it can change. */
    default void apply(ProjectionPlan plan) {
        project(plan);
        SavingsStore.refresh(getHandle(), plan.savingsRuns());
    }

    /** Every projection but {@code savings}, which is computed from a run's whole history (see {@link #apply}). */
    default void project(ProjectionPlan plan) {
        for (RunTransition transition : plan.transitions()) {
            if (transition instanceof RunTransition.Began began) {
                begin(began);
            } else if (transition instanceof RunTransition.Ended ended) {
                end(ended);
            }
        }
        if (!plan.steps().isEmpty()) {
            advance(plan.steps());
        }
        if (!plan.parameterChanges().isEmpty()) {
            recordChanges(plan.parameterChanges());
        }
        if (!plan.commandReasons().isEmpty()) {
            fillReasons(plan.commandReasons());
        }
        Handle handle = getHandle();
        if (!plan.issuedCommands().isEmpty() || !plan.answers().isEmpty()) {
            CommandStore commands = handle.attach(CommandStore.class);
            if (!plan.issuedCommands().isEmpty()) {
                commands.issue(plan.issuedCommands());
            }
            if (!plan.answers().isEmpty()) {
                commands.answer(plan.answers());
            }
        }
        List<CheckpointChange.Saved> saved = plan.checkpoints().stream()
                .filter(CheckpointChange.Saved.class::isInstance).map(CheckpointChange.Saved.class::cast).toList();
        List<CheckpointChange.Deleted> deleted = plan.checkpoints().stream()
                .filter(CheckpointChange.Deleted.class::isInstance).map(CheckpointChange.Deleted.class::cast).toList();
        if (!saved.isEmpty() || !deleted.isEmpty()) {
            CheckpointStore checkpoints = handle.attach(CheckpointStore.class);
            if (!saved.isEmpty()) {
                checkpoints.save(saved);
            }
            if (!deleted.isEmpty()) {
                checkpoints.delete(deleted);
            }
        }
        if (!plan.ruleSets().isEmpty()) {
            handle.attach(RuleSetLoadStore.class).record(plan.ruleSets());
        }
    }

    /** A run (re)starts: it is running again with its declared configuration; its first start time is kept. */
    @SqlUpdate("""
            INSERT INTO runs (run_id, experiment_id, workload, status, seed, planned_steps, started_at, learning_rate,
                              batch_size, config, tags, updated_at)
            VALUES (:runId, :experimentId, :workload, 'running', :seed, :plannedSteps, :startedAt, :learningRate,
                    :batchSize, :config, :tags, now())
            ON CONFLICT (run_id) DO UPDATE SET
                experiment_id = COALESCE(excluded.experiment_id, runs.experiment_id),
                workload = excluded.workload,
                status = 'running',
                seed = excluded.seed,
                planned_steps = excluded.planned_steps,
                started_at = COALESCE(runs.started_at, excluded.started_at),
                finished_at = NULL,
                finish_reason = NULL,
                finish_detail = NULL,
                learning_rate = CASE WHEN runs.last_step IS NULL THEN excluded.learning_rate ELSE runs.learning_rate END,
                batch_size = CASE WHEN runs.last_step IS NULL THEN excluded.batch_size ELSE runs.batch_size END,
                config = excluded.config,
                tags = excluded.tags,
                updated_at = now()""")
    void begin(@BindMethods RunTransition.Began began);

    @SqlUpdate("""
            INSERT INTO runs (run_id, experiment_id, status, finished_at, finish_reason, finish_detail, updated_at)
            VALUES (:runId, :experimentId, 'finished', :finishedAt, :reason, :detail, now())
            ON CONFLICT (run_id) DO UPDATE SET
                experiment_id = COALESCE(excluded.experiment_id, runs.experiment_id),
                status = 'finished',
                finished_at = excluded.finished_at,
                finish_reason = excluded.finish_reason,
                finish_detail = excluded.finish_detail,
                updated_at = now()""")
    void end(@BindMethods RunTransition.Ended ended);

    /** Moves each run to its latest step; a step older than the stored one (a late event) changes nothing. */
    @SqlBatch("""
            INSERT INTO runs (run_id, experiment_id, status, last_step, last_loss, learning_rate, batch_size, updated_at)
            VALUES (:runId, :experimentId, 'running', :step, :loss, :learningRate, :batchSize, now())
            ON CONFLICT (run_id) DO UPDATE SET
                experiment_id = COALESCE(runs.experiment_id, excluded.experiment_id),
                last_step = excluded.last_step,
                last_loss = excluded.last_loss,
                learning_rate = excluded.learning_rate,
                batch_size = excluded.batch_size,
                updated_at = now()
            WHERE runs.last_step IS NULL OR runs.last_step <= excluded.last_step""")
    void advance(@BindMethods List<StepProgress> steps);

    @SqlBatch("""
            INSERT INTO parameter_changes (event_id, run_id, step, param, old_value, new_value, command_id,
                                           source_kind, author, rule, evidence, reason, changed_at)
            VALUES (:eventId, :runId, :step, :param, :oldValue, :newValue, :commandId,
                    :sourceKind, :author, :rule, :evidence,
                    (SELECT c.payload ->> 'reason' FROM events c
                      WHERE c.command_id = :commandId AND c.type = 'ControlCommand'
                      ORDER BY c.id LIMIT 1),
                    :changedAt)
            ON CONFLICT (event_id) DO NOTHING""")
    void recordChanges(@BindMethods List<NewParameterChange> changes);

    @SqlBatch("UPDATE parameter_changes SET reason = :reason WHERE command_id = :commandId AND reason IS NULL")
    void fillReasons(@BindMethods List<CommandReason> reasons);
}
