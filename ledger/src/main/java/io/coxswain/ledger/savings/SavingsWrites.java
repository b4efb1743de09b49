package io.coxswain.ledger.savings;

import io.coxswain.ledger.internal.SavingsRow;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of the {@code savings} projection. */
interface SavingsWrites {

    /**
     * Takes, in the order given, a lock per run held until the transaction ends, so that two refreshes of one run
     * (two ledger instances) do not interleave their delete and insert. Callers pass run ids sorted.
     */
    @SqlQuery("""
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended('coxswain.savings:' || r, 0))
                                    FROM unnest(CAST(:runIds AS text[])) WITH ORDINALITY AS u(r, n)
                                   ORDER BY n) locked""")
    long lock(@Bind("runIds") String[] runIds);

    @SqlUpdate("DELETE FROM savings WHERE run_id = ANY(:runIds)")
    int delete(@Bind("runIds") String[] runIds);

    @SqlBatch("""
            INSERT INTO savings (run_id, item_no, experiment_id, kind, step, command_id, source_kind, author, rule,
                                 seconds, seconds_measure, seconds_basis, energy_joules, energy_measure,
                                 energy_basis, bytes, bytes_measure, bytes_basis)
            VALUES (:runId, :itemNo, :experimentId, :kind, :step, :commandId, :sourceKind, :author, :rule,
                    :seconds, :secondsMeasure, :secondsBasis, :energyJoules, :energyMeasure, :energyBasis,
                    :bytes, :bytesMeasure, :bytesBasis)""")
    void insert(@BindMethods List<SavingsRow> rows);

    @SqlQuery("""
            SELECT run_id, item_no, experiment_id, kind, step, command_id, source_kind, author, rule, seconds,
                   seconds_measure, seconds_basis, energy_joules, energy_measure, energy_basis, bytes, bytes_measure,
                   bytes_basis
              FROM savings WHERE run_id = ANY(:runIds) ORDER BY run_id, item_no""")
    @RegisterConstructorMapper(SavingsRow.class)
    List<SavingsRow> rows(@Bind("runIds") String[] runIds);
}
