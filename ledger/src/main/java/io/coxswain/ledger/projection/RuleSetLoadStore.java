package io.coxswain.ledger.projection;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** Writes {@code rule_set_loads}: one row per RuleSetLoaded, RuleSetRejected or RuleSetRemoved event. */
interface RuleSetLoadStore {

    @SqlBatch("""
            INSERT INTO rule_set_loads (event_id, run_id, rule_set, outcome, version, previous_version, controllers,
                                        scope, error, at)
            VALUES (:eventId, :runId, :ruleSet, :outcome, :version, :previousVersion, :controllers,
                    :scope, :error, :at)
            ON CONFLICT (event_id) DO NOTHING""")
    void record(@BindMethods List<RuleSetChange> changes);
}
