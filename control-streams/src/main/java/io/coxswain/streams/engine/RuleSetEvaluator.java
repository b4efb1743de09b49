package io.coxswain.streams.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.ControlLogged;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.protocol.events.RuleSkipped;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.streams.rules.expr.CompiledRule;
import io.coxswain.streams.rules.expr.RuleEvalException;
import io.coxswain.streams.rules.metrics.RunMetrics;
import io.coxswain.streams.rules.trac.CohortView;
import io.coxswain.streams.rules.trac.ControlAction;
import io.coxswain.streams.rules.trac.Controller;
import io.coxswain.streams.rules.trac.MetricContext;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import io.coxswain.streams.rules.trac.OperationSpec;
import io.coxswain.streams.rules.trac.PatienceState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Runs one rule set over one run's events, TrAC's way: each event updates the metrics, then for each trigger the event
 * stands for (in HF's order) each controller listening on it (in file order) evaluates its rule; patience decides
 * whether its operations fire; the HFControls and {@code set} actions of one firing go out as one command, LogControl
 * messages as ControlLogged events. Pure: the same state and event always give the same outcome, ids included.
 *
 * <p>Unlike TrAC, nothing here throws at run time: a rule whose metric has no value yet is skipped (one RuleSkipped
 * per controller, metric and run), a rule that fails (missing key, wrong type, not a boolean) is skipped with one
 * RuleFailed per controller and error.
 */
public final class RuleSetEvaluator {
    /** The author of every command rules send. */
    public static final String AUTHOR = "control-streams";
    private static final int MAX_REASON = 400;

    private final RuleSet set;

    public RuleSetEvaluator(RuleSet set) {
        this.set = set;
    }

    public RuleSet ruleSet() {
        return set;
    }

    /** The outcome of {@code event} for a run in state {@code state} (null before the set saw the run). */
    public Outcome evaluate(RunRuleState state, RunInfo info, EventEnvelope event, Optional<CohortView> cohort) {
        RunRuleState before = upToDate(state);
        Pass pass = new Pass(before, info, event, cohort);
        pass.updateMetrics();
        for (String trigger : io.coxswain.streams.rules.metrics.Triggers.triggersFor(event)) {
            for (Controller controller : set.controllers()) {
                if (controller.listensOn(trigger)) {
                    pass.run(controller, trigger);
                }
            }
        }
        return pass.outcome();
    }

    private RunRuleState upToDate(RunRuleState state) {
        if (state == null) {
            return RunRuleState.initial(set);
        }
        if (state.version().equals(set.version())) {
            return state;
        }
        RunMetrics m = state.metrics();
        RunMetrics kept = new RunMetrics(set.historyCapacity(), m.progress(), m.lastLoss(), m.lastEvaluation(),
                m.history());
        return new RunRuleState(set.version(), kept, Map.of(), Map.of(), state.reported(), state.stopSent());
    }

    /** One event's evaluation: the state being built and what it emits. */
    private final class Pass {
        private final RunInfo info;
        private final EventEnvelope event;
        private final MetricContext context;
        private RunMetrics metrics;
        private final Map<String, JsonNode> functions;
        private final Map<String, Integer> patience;
        private final Set<String> reported;
        private boolean stopSent;
        private final Map<String, MetricValue> values = new LinkedHashMap<>();
        private final List<ControlCommand> commands = new ArrayList<>();
        private final List<EventEnvelope> events = new ArrayList<>();

        Pass(RunRuleState state, RunInfo info, EventEnvelope event, Optional<CohortView> cohort) {
            this.info = info;
            this.event = event;
            this.context = new MetricContext(event.runId(), info.experimentId(), event.step(), info.parameters(),
                    cohort);
            this.metrics = state.metrics();
            this.functions = new LinkedHashMap<>(state.functions());
            this.patience = new LinkedHashMap<>(state.patience());
            this.reported = new LinkedHashSet<>(state.reported());
            this.stopSent = state.stopSent() && !(event.event() instanceof RunStarted);
        }

        void updateMetrics() {
            metrics = metrics.apply(event);
            set.functions().forEach((name, function) -> {
                JsonNode state = function.apply(functions.get(name), event, context);
                functions.put(name, state);
                function.report(set.name(), name, state, event)
                        .ifPresent(report -> events.add(envelope("report|" + name, report)));
            });
        }

        Outcome outcome() {
            return new Outcome(new RunRuleState(set.version(), metrics, functions, patience, reported, stopSent),
                    commands, events);
        }

        void run(Controller controller, String trigger) {
            Map<String, Object> variables = new LinkedHashMap<>();
            for (String name : controller.rule().names()) {
                MetricValue value = metric(name);
                if (!value.available()) {
                    report("skip|" + controller.name() + "|" + name, new RuleSkipped(set.name(), controller.name(),
                            trigger, name, value.missing()));
                    return;
                }
                variables.put(name, value.value());
            }
            boolean verdict;
            try {
                verdict = controller.rule().test(variables);
            } catch (RuleEvalException e) {
                fail(controller, trigger, controller.rule().source(), e.getMessage());
                return;
            }
            String key = controller.name() + "|" + trigger;
            PatienceState before = new PatienceState(controller.patience(), patience.getOrDefault(key, 0), false);
            PatienceState after = before.next(verdict);
            patience.put(key, after.counter());
            if (after.fire()) {
                fire(controller, trigger, variables, before.counter() + 1);
            }
        }

        private void fire(Controller controller, String trigger, Map<String, Object> variables, int count) {
            List<Action> actions = new ArrayList<>();
            for (ControlAction action : controller.operations()) {
                try {
                    actions.addAll(perform(controller, trigger, action, variables));
                } catch (RuleEvalException | IllegalStateException | IllegalArgumentException e) {
                    fail(controller, trigger, describe(action), e.getMessage());
                    return;
                }
            }
            if (actions.isEmpty() || stopSent) {
                return;
            }
            commands.add(command(controller, trigger, actions, variables, count));
            stopSent = actions.stream().anyMatch(a -> a instanceof Action.FireTrigger t
                    && Triggers.STOP.equals(t.name()));
        }

        private List<Action> perform(Controller controller, String trigger, ControlAction action,
                Map<String, Object> variables) {
            if (action instanceof ControlAction.Hf hf) {
                return List.of(new Action.FireTrigger(hf.control().trigger()));
            }
            if (action instanceof ControlAction.Set assignment) {
                return setActions(assignment);
            }
            ControlAction.Invoke invoke = (ControlAction.Invoke) action;
            if ("LogControl".equals(invoke.operationClass())) {
                log(controller, trigger, operation(invoke.operation()));
                return List.of();
            }
            return set.operations().get(invoke.operation()).perform(invoke.action(), variables, context);
        }

        private List<Action> setActions(ControlAction.Set assignment) {
            List<Action> actions = new ArrayList<>();
            for (Map.Entry<String, CompiledRule> entry : assignment.values().entrySet()) {
                Object value = entry.getValue().evaluate(expressionVariables(entry.getValue()));
                actions.add(new Action.SetParameter(entry.getKey(), RuleValues.toParameterJson(entry.getKey(), value)));
            }
            return actions;
        }

        /** Metrics by name, then the run's live parameters by name and as the dict {@code params}. */
        private Map<String, Object> expressionVariables(CompiledRule expression) {
            Map<String, Object> variables = new LinkedHashMap<>();
            for (String name : expression.names()) {
                if (set.builtins().containsKey(name) || set.functions().containsKey(name)) {
                    MetricValue value = metric(name);
                    if (!value.available()) {
                        throw new IllegalStateException("metric '" + name + "' has no value yet: " + value.missing());
                    }
                    variables.put(name, value.value());
                } else if ("params".equals(name)) {
                    variables.put(name, RuleValues.fromJson(info.parameters()));
                } else if (info.parameters().containsKey(name)) {
                    variables.put(name, RuleValues.fromJson(info.parameters().get(name)));
                }
            }
            return variables;
        }

        private void log(Controller controller, String trigger, OperationSpec operation) {
            String format = (String) operation.arguments().get("log_format");
            Object level = operation.arguments().getOrDefault("log_level",
                    controller.triggerLogLevel().orElse("info"));
            Set<String> wanted = LogFormat.names(format);
            Map<String, Object> variables = new LinkedHashMap<>();
            for (String name : wanted) {
                if (isMetric(name) && metric(name).available()) {
                    variables.put(name, metric(name).value());
                }
            }
            if (wanted.contains("tc_metrics")) {
                Map<String, Object> all = new LinkedHashMap<>();
                set.rules().metrics().forEach(m -> {
                    if (metric(m.name()).available()) {
                        all.put(m.name(), metric(m.name()).value());
                    }
                });
                variables.putIfAbsent("tc_metrics", java.util.Collections.unmodifiableMap(all));
            }
            variables.putIfAbsent("event_name", trigger);
            variables.putIfAbsent("step", event.step());
            variables.putIfAbsent("run_id", event.runId());
            String message = LogFormat.format(format, variables);
            events.add(envelope("log|" + controller.name() + "|" + trigger, new ControlLogged(set.name(),
                    controller.name(), trigger, level.toString().toLowerCase(java.util.Locale.ROOT), message)));
        }

        private boolean isMetric(String name) {
            return set.builtins().containsKey(name) || set.functions().containsKey(name);
        }

        private OperationSpec operation(String name) {
            return set.rules().operations().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
        }

        private MetricValue metric(String name) {
            return values.computeIfAbsent(name, this::compute);
        }

        private MetricValue compute(String name) {
            var builtin = set.builtins().get(name);
            if (builtin != null) {
                return metrics.value(builtin).map(MetricValue::of)
                        .orElseGet(() -> MetricValue.missing(BuiltinMissing.why(builtin)));
            }
            MetricFunction function = set.functions().get(name);
            return function.value(functions.get(name), context);
        }

        private void fail(Controller controller, String trigger, String rule, String error) {
            report("fail|" + controller.name() + "|" + error, new RuleFailed(controller.name(), trigger, rule, error,
                    set.name()));
        }

        private void report(String key, RunEvent body) {
            if (reported.contains(key) || reported.size() >= RunRuleState.MAX_REPORTED) {
                return;
            }
            reported.add(key);
            events.add(envelope(key, body));
        }

        private EventEnvelope envelope(String key, RunEvent body) {
            String identity = String.join("\u0000", event.runId(), set.name(), set.version(), key,
                    String.valueOf(event.step()), event.header().eventId());
            String id = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
            return new EventEnvelope(new EventHeader(id, event.runId(), info.experimentId(), 0, event.step(),
                    event.header().time()), body);
        }

        private ControlCommand command(Controller controller, String trigger, List<Action> actions,
                Map<String, Object> variables, int count) {
            ObjectNode evidence = RuleValues.NODES.objectNode();
            evidence.put("ruleSet", set.name());
            evidence.put("version", set.version());
            evidence.put("controller", controller.name());
            evidence.put("trigger", trigger);
            evidence.put("step", event.step());
            evidence.put("rule", controller.rule().source());
            evidence.set("metrics", RuleValues.toJson(variables));
            ObjectNode patienceNode = evidence.putObject("patience");
            patienceNode.put("count", count);
            patienceNode.put("threshold", controller.patience().threshold());
            patienceNode.put("mode", controller.patience().mode().yamlName());
            String id = "rule-" + event.runId() + "-" + set.name() + "-" + controller.name() + "-" + trigger + "-"
                    + event.step();
            String reason = "controller " + controller.name() + " (rule set " + set.name() + ") on " + trigger
                    + " at step " + event.step() + ": " + controller.rule().source();
            if (reason.length() > MAX_REASON) {
                reason = reason.substring(0, MAX_REASON - 3) + "...";
            }
            return new ControlCommand(id, event.runId(), event.header().time(),
                    CommandSource.rule(AUTHOR, set.name() + "/" + controller.name(), evidence), actions, reason);
        }

        private String describe(ControlAction action) {
            if (action instanceof ControlAction.Set assignment) {
                StringBuilder text = new StringBuilder("set:");
                assignment.values().forEach((param, expr) -> text.append(' ').append(param).append('=')
                        .append(expr.source()));
                return text.toString();
            }
            return action.operation() + "." + action.action();
        }
    }
}
