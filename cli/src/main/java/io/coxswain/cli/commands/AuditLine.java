package io.coxswain.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.EventRow;
import java.util.ArrayList;
import java.util.List;

/** One audit timeline row as text: what happened, by whom and why, from the stored message. */
final class AuditLine {
    private AuditLine() {
    }

    static String describe(EventRow row) {
        JsonNode p = row.payload();
        return switch (row.type()) {
            case "ControlCommand" -> "command " + p.path("commandId").asText() + " from " + who(p.path("source"))
                    + ": " + actions(p.path("actions")) + why(p.path("reason"));
            case "ParameterChanged" -> p.path("param").asText() + " " + p.path("oldValue") + " -> "
                    + p.path("newValue") + " (command " + p.path("commandId").asText() + " from "
                    + who(p.path("source")) + ")";
            case "TriggerFired" -> "trigger " + p.path("name").asText() + " (command " + p.path("commandId").asText()
                    + " from " + who(p.path("source")) + ")";
            case "CommandRejected" -> "command " + p.path("commandId").asText("?") + " rejected: "
                    + p.path("reason").asText();
            case "CommandIgnored" -> "command " + p.path("commandId").asText() + " ignored: " + p.path("why").asText();
            case "CheckpointLoaded" -> "loaded " + p.path("checkpoint").asText() + " (step " + p.path("fromStep")
                    + " of " + p.path("fromRun").asText("?") + "; command " + p.path("commandId").asText() + ")";
            case "RuleFailed" -> "rule " + p.path("ruleSet").asText("") + "/" + p.path("controller").asText()
                    + " failed on " + p.path("trigger").asText() + ": " + p.path("error").asText();
            case "RuleSkipped" -> "rule " + p.path("ruleSet").asText() + "/" + p.path("controller").asText()
                    + " skipped: " + p.path("metric").asText() + " " + p.path("reason").asText();
            case "ControlLogged" -> p.path("level").asText() + ": " + p.path("message").asText();
            case "BatchFlagged" -> "batch loss " + p.path("batchLoss") + " over " + p.path("limit") + ", spikes "
                    + p.path("spikes");
            case "RunStarted" -> "started " + p.path("workload").asText() + ", seed " + p.path("seed")
                    + (p.hasNonNull("resumedFromStep") ? ", resumed from step " + p.path("resumedFromStep") : "");
            case "RunFinished" -> p.path("reason").asText() + why(p.path("detail"));
            default -> p.path("reason").asText(p.path("commandId").asText(""));
        };
    }

    private static String who(JsonNode source) {
        String text = source.path("kind").asText("user") + " " + source.path("author").asText("?");
        return source.hasNonNull("rule") ? text + " (rule " + source.get("rule").asText() + ")" : text;
    }

    private static String actions(JsonNode actions) {
        List<String> parts = new ArrayList<>();
        actions.forEach(a -> parts.add(switch (a.path("op").asText()) {
            case "set" -> "set " + a.path("param").asText() + "=" + a.path("value");
            case "trigger" -> a.path("name").asText();
            case "load_checkpoint" -> "load " + a.path("checkpoint").asText();
            default -> a.toString();
        }));
        return String.join(", ", parts);
    }

    private static String why(JsonNode reason) {
        return reason.isTextual() && !reason.asText().isBlank() ? " - " + reason.asText() : "";
    }
}
