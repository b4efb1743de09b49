package io.coxswain.ledger.projection;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/**
 * Writes {@code commands}: the issuing side from each stored command, the answering side from each answer. Either
 * may come first; a row made by an answer has no {@code issued_at} until its command is stored.
 */
interface CommandStore {

    /**
     * The first delivery of an id fills the command's columns (its issuedAt, else the time its first record was
     * stored with), replacing the answer's copy of the source; a redelivery changes nothing.
     */
    @SqlBatch("""
            INSERT INTO commands (command_id, run_id, issued_at, source_kind, author, rule, evidence, actions, reason)
            VALUES (:commandId, :runId,
                    COALESCE(:issuedAt, (SELECT e.event_time FROM events e
                                          WHERE e.command_id = :commandId AND e.type = 'ControlCommand'
                                          ORDER BY e.id LIMIT 1)),
                    :sourceKind, :author, :rule, :evidence, :actions, :reason)
            ON CONFLICT (command_id) DO UPDATE SET
                run_id = excluded.run_id, issued_at = excluded.issued_at, source_kind = excluded.source_kind,
                author = excluded.author, rule = excluded.rule, evidence = excluded.evidence,
                actions = excluded.actions, reason = excluded.reason
            WHERE commands.issued_at IS NULL""")
    void issue(@BindMethods List<IssuedCommand> commands);

    /**
     * Keeps the answer that goes furthest, then the earliest (the SQL function command_answer_wins); until the
     * command is stored, the winning answer's run and copy of the source stand in for the command's.
     */
    @SqlBatch("""
            INSERT INTO commands (command_id, run_id, source_kind, author, rule, evidence, outcome, outcome_detail,
                                  answered_at, answered_step, answer_event_id)
            VALUES (:commandId, :runId, :sourceKind, :author, :rule, :evidence, :outcome, :detail,
                    :answeredAt, :step, :eventId)
            ON CONFLICT (command_id) DO UPDATE SET
                outcome = excluded.outcome, outcome_detail = excluded.outcome_detail,
                answered_at = excluded.answered_at, answered_step = excluded.answered_step,
                answer_event_id = excluded.answer_event_id,
                run_id      = CASE WHEN commands.issued_at IS NULL THEN excluded.run_id ELSE commands.run_id END,
                source_kind = CASE WHEN commands.issued_at IS NULL THEN excluded.source_kind
                                   ELSE commands.source_kind END,
                author      = CASE WHEN commands.issued_at IS NULL THEN excluded.author ELSE commands.author END,
                rule        = CASE WHEN commands.issued_at IS NULL THEN excluded.rule ELSE commands.rule END,
                evidence    = CASE WHEN commands.issued_at IS NULL THEN excluded.evidence ELSE commands.evidence END
            WHERE command_answer_wins(excluded.outcome, excluded.answered_at, excluded.answer_event_id,
                                      commands.outcome, commands.answered_at, commands.answer_event_id)""")
    void answer(@BindMethods List<CommandAnswered> answers);
}
