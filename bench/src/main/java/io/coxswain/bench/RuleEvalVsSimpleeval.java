package io.coxswain.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coxswain.streams.rules.expr.CompiledRule;
import io.coxswain.streams.rules.expr.RuleParseException;
import io.coxswain.streams.rules.expr.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coxswain's rule evaluator side by side with simpleeval, the evaluator TrAC runs its controller rules with: the same
 * rules ({@link RuleEvalCases}) on the same metric values, written once to a JSON file that both sides read. Each side
 * compiles or parses every rule once and warms up; then, in rounds, each rule is timed for a few batches here and then
 * in the Python process ({@link SimpleevalProcess}), so that both sides see the same load on a shared machine. A figure
 * is the median ns per evaluation over all batches. Exits 1 when the two evaluators give a rule different values, 2
 * when the Python side fails.
 *
 * <p>Usage: {@code RuleEvalVsSimpleeval [--python python3] [--script bench/python/simpleeval_bench.py] [--rounds 3]
 * [--batches 3] [--batch-ms 100] [--warmup-ms 3000]}.
 */
public final class RuleEvalVsSimpleeval {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final double GOAL = 20;
    private static final String COXSWAIN = "coxswain";

    /** Keeps the evaluations' results alive, so the JIT cannot drop them. */
    private static volatile long sink;

    private RuleEvalVsSimpleeval() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        List<RuleEvalCases.Case> cases = RuleEvalCases.rules();
        Path file = writeCases(cases);
        int exit;
        try {
            exit = run(opts, cases, file);
        } finally {
            Files.deleteIfExists(file);
        }
        System.exit(exit);
    }

    /** Times both sides and prints the table; the exit status. */
    private static int run(Map<String, String> opts, List<RuleEvalCases.Case> cases, Path file) throws IOException {
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int batches = Integer.parseInt(opts.getOrDefault("batches", "3"));
        long batchMs = Long.parseLong(opts.getOrDefault("batch-ms", "100"));
        Map<String, Object> variables = readVariables(file);
        Map<String, CompiledRule> rules = compile(cases);
        reportSlice();
        warmUp(rules, variables, Long.parseLong(opts.getOrDefault("warmup-ms", "3000")));
        Map<String, Long> sizes = evaluationsPerBatch(rules, variables, batchMs * 1_000_000);
        try (SimpleevalProcess python = SimpleevalProcess.start(opts.getOrDefault("python", "python3"),
                opts.getOrDefault("script", "bench/python/simpleeval_bench.py"), file, batches, batchMs)) {
            JsonNode ready = python.ready();
            Samples samples = alternate(rules, variables, sizes, python, rounds, batches);
            printHeader(ready, rounds, batches, batchMs);
            if (!printTable(cases, rules, variables, ready.get("values"), samples)) {
                System.err.println("Coxswain and simpleeval disagree on a rule's value (see the table)");
                return 1;
            }
            return 0;
        } catch (IOException e) {
            System.err.println("the simpleeval side failed: " + e.getMessage());
            return 2;
        }
    }

    /** The rules and the metric values, in the file both evaluators read. */
    private static Path writeCases(List<RuleEvalCases.Case> cases) throws IOException {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("variables", RuleEvalCases.variables());
        content.put("rules", cases);
        Path file = Files.createTempFile("cox-bench-rules", ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), content);
        return file;
    }

    /** The variables as read back from the file, checked equal to those the metric classes gave. */
    private static Map<String, Object> readVariables(Path file) throws IOException {
        Map<String, Object> variables = JSON.convertValue(JSON.readTree(file.toFile()).get("variables"),
                new TypeReference<Map<String, Object>>() { });
        if (!variables.equals(RuleEvalCases.variables())) {
            throw new IllegalStateException("the variables read back from " + file + " differ from those written");
        }
        return variables;
    }

    private static Map<String, CompiledRule> compile(List<RuleEvalCases.Case> cases) {
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        for (RuleEvalCases.Case c : cases) {
            rules.put(c.id(), Rules.compile(c.text()));
        }
        return rules;
    }

    /** Says whether the rule language takes TrAC's plateau rule as written, with its slice. */
    private static void reportSlice() {
        try {
            Rules.compile(RuleEvalCases.SLICED_PLATEAU);
            System.out.println("TrAC's plateau rule with a slice compiles: " + RuleEvalCases.SLICED_PLATEAU);
        } catch (RuleParseException e) {
            System.out.println("TrAC's plateau rule as written is rejected (" + e.getMessage() + "): "
                    + RuleEvalCases.SLICED_PLATEAU + "; rules 4 and 4b are its slice-free forms");
        }
    }

    /** Evaluates all rules in turn (as a controller runs them) until the JIT has had {@code warmupMs}. */
    private static void warmUp(Map<String, CompiledRule> rules, Map<String, Object> variables, long warmupMs) {
        long end = System.nanoTime() + warmupMs * 1_000_000;
        while (System.nanoTime() < end) {
            rules.values().forEach(rule -> sink += evaluate(rule, variables, 10_000));
        }
    }

    /** Per rule, how many evaluations take about {@code batchNanos}. */
    private static Map<String, Long> evaluationsPerBatch(Map<String, CompiledRule> rules,
                                                         Map<String, Object> variables, long batchNanos) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        rules.forEach((id, rule) -> {
            for (long n = 1_000; ; n *= 4) {
                double took = timeBatch(rule, variables, n) * n;
                if (took >= batchNanos / 10.0) {
                    sizes.put(id, Math.max(1, (long) (n * batchNanos / took)));
                    return;
                }
            }
        });
        return sizes;
    }

    /** Rounds over the rules, each timed here and in Python in turn; which side goes first alternates by round. */
    private static Samples alternate(Map<String, CompiledRule> rules, Map<String, Object> variables,
                                     Map<String, Long> sizes, SimpleevalProcess python, int rounds, int batches)
            throws IOException {
        Samples samples = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, CompiledRule> rule : rules.entrySet()) {
                String id = rule.getKey();
                boolean pythonFirst = round % 2 == 1;
                JsonNode timings = pythonFirst ? python.time(id) : null;
                for (int b = 0; b < batches; b++) {
                    samples.add(id, COXSWAIN, timeBatch(rule.getValue(), variables, sizes.get(id)));
                }
                samples.addAll(id, pythonFirst ? timings : python.time(id));
            }
        }
        return samples;
    }

    private static double timeBatch(CompiledRule rule, Map<String, Object> variables, long n) {
        long start = System.nanoTime();
        sink += evaluate(rule, variables, n);
        return (System.nanoTime() - start) / (double) n;
    }

    /** Evaluates the rule n times; returns how many times it held. */
    private static long evaluate(CompiledRule rule, Map<String, Object> variables, long n) {
        long held = 0;
        for (long i = 0; i < n; i++) {
            if (rule.test(variables)) {
                held++;
            }
        }
        return held;
    }

    private static void printHeader(JsonNode python, int rounds, int batches, long batchMs) {
        System.out.printf("Java %s, %d cores; Python %s, simpleeval %s%s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), python.get("python").asText(),
                python.get("simpleeval").asText(), python.get("checks_results").asBoolean()
                        ? " (checks every node's result)" : "");
        System.out.printf("median ns per evaluation over %d rounds x %d batches of about %d ms per side and rule;"
                + " the sides alternate rule by rule%n%n", rounds, batches, batchMs);
    }

    /** Prints the rules and the side-by-side table; false when a rule's values differ. */
    private static boolean printTable(List<RuleEvalCases.Case> cases, Map<String, CompiledRule> rules,
                                      Map<String, Object> variables, JsonNode values, Samples samples) {
        cases.forEach(c -> System.out.println(c.id() + ": " + c.text()));
        System.out.println();
        System.out.println("simpleeval: parsed once, as installed; upstream _eval: parsed once, with 0.9.12's _eval as"
                + " released, without the check of every node's result that the CVE-2026-32640 fix adds; eval(text):"
                + " parsed at every evaluation");
        System.out.println();
        System.out.println("| rule | value | Coxswain ns | simpleeval ns | ratio | upstream _eval ns | ratio "
                + "| eval(text) ns | ratio |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        boolean agree = true;
        List<double[]> ratios = new ArrayList<>();
        for (RuleEvalCases.Case c : cases) {
            boolean value = rules.get(c.id()).test(variables);
            JsonNode theirs = values.get(c.id());
            boolean same = theirs != null && theirs.isBoolean() && theirs.booleanValue() == value;
            agree &= same;
            ratios.add(printRow(c.id(), same ? String.valueOf(value) : "**" + value + " vs " + theirs + "**",
                    samples));
        }
        printSummary(ratios);
        return agree;
    }

    /** One table row; the row's ratios (as installed, upstream _eval, eval(text)), NaN where not measured. */
    private static double[] printRow(String id, String value, Samples samples) {
        double coxswain = samples.median(id, COXSWAIN);
        StringBuilder row = new StringBuilder(String.format("| %s | %s | %.0f |", id, value, coxswain));
        double[] ratios = new double[Samples.SIMPLEEVAL.size()];
        for (int i = 0; i < ratios.length; i++) {
            double theirs = samples.median(id, Samples.SIMPLEEVAL.get(i));
            ratios[i] = theirs / coxswain;
            row.append(Double.isNaN(theirs) ? " n/a | n/a |" : String.format(" %.0f | %.1fx |", theirs, ratios[i]));
        }
        System.out.println(row);
        return ratios;
    }

    private static void printSummary(List<double[]> ratios) {
        String[] against = {"simpleeval as installed, parsed once", "simpleeval with upstream _eval, parsed once",
            "simpleeval eval(text)"};
        System.out.println();
        for (int i = 0; i < against.length; i++) {
            int column = i;
            double[] values = ratios.stream().mapToDouble(r -> r[column]).filter(r -> !Double.isNaN(r)).toArray();
            if (values.length == 0) {
                continue;
            }
            long met = Arrays.stream(values).filter(r -> r >= GOAL).count();
            System.out.printf("against %s: geometric mean %.1fx, min %.1fx; goal >= %.0fx met for %d of %d rules%n",
                    against[i], geometricMean(values), Arrays.stream(values).min().orElseThrow(), GOAL, met,
                    values.length);
        }
    }

    private static double geometricMean(double[] values) {
        return Math.exp(Arrays.stream(values).map(Math::log).average().orElse(Double.NaN));
    }

    /** Per rule and series (coxswain, then simpleeval's variants): ns per evaluation of each batch. */
    private static final class Samples {
        /** simpleeval's series, in table order, as the Python side names them. */
        static final List<String> SIMPLEEVAL = List.of("parsed_once", "upstream_eval", "string_eval");

        private final Map<String, Map<String, List<Double>>> byRule = new LinkedHashMap<>();

        void add(String rule, String series, double ns) {
            byRule.computeIfAbsent(rule, r -> new LinkedHashMap<>()).computeIfAbsent(series, x -> new ArrayList<>())
                    .add(ns);
        }

        /** Adds the {@code <series>_ns} lists of one answer of the Python side. */
        void addAll(String rule, JsonNode timings) {
            for (String series : SIMPLEEVAL) {
                JsonNode batches = timings.get(series + "_ns");
                if (batches != null) {
                    batches.forEach(ns -> add(rule, series, ns.asDouble()));
                }
            }
        }

        /** The median of a series, NaN when it has no samples. */
        double median(String rule, String series) {
            List<Double> values = byRule.getOrDefault(rule, Map.of()).get(series);
            return values == null ? Double.NaN : new Percentiles(values).at(50);
        }
    }
}
