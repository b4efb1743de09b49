package io.coxswain.ledger.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The SQL behind {@link RecipeQuery}. */
interface ReplayReads {

    /** One step's loss as the ledger stores it (the JSON number's text). */
    record StepLoss(long step, String loss) {
    }

    @SqlQuery("""
            SELECT payload FROM events WHERE run_id = :runId AND type = 'RunStarted' ORDER BY run_seq LIMIT 1""")
    Optional<JsonNode> firstStart(@Bind("runId") String runId);

    /** The answers that applied something, in the order stored. */
    @SqlQuery("""
            SELECT payload FROM events
             WHERE run_id = :runId AND type IN ('ParameterChanged', 'TriggerFired', 'CheckpointLoaded')
             ORDER BY run_seq""")
    List<JsonNode> appliedAnswers(@Bind("runId") String runId);

    @SqlQuery("""
            SELECT payload FROM events WHERE run_id = :runId AND type = 'RunFinished' ORDER BY run_seq DESC LIMIT 1""")
    Optional<JsonNode> lastFinish(@Bind("runId") String runId);

    @SqlQuery("""
            SELECT step, payload->>'loss' AS loss FROM events
             WHERE run_id = :runId AND type = 'StepCompleted' ORDER BY run_seq""")
    @RegisterConstructorMapper(StepLoss.class)
    List<StepLoss> losses(@Bind("runId") String runId);

    @SqlQuery("SELECT max(step) FROM events WHERE run_id = :runId AND type = 'StepCompleted'")
    Optional<Long> lastStep(@Bind("runId") String runId);

    /** Everything a recipe needs, over one snapshot. */
    @Transaction(TransactionIsolationLevel.REPEATABLE_READ)
    default Optional<Parts> parts(String runId) {
        return firstStart(runId).map(start -> new Parts(start, appliedAnswers(runId), lastFinish(runId).orElse(null),
                lastStep(runId).orElse(0L)));
    }

    record Parts(JsonNode start, List<JsonNode> answers, JsonNode finish, long lastStep) {
    }
}
