#!/usr/bin/env python3
"""Times simpleeval, the evaluator TrAC (fms-hf-tuning's training controller) runs its rules with, on the rules and
metric variables of a cases file written by RuleEvalVsSimpleeval, which drives this script rule by rule so that its
own timings and these alternate.

Usage: simpleeval_bench.py CASES.json [--batches 3] [--batch-ms 100]

CASES.json holds {"variables": {...}, "rules": [{"id": ..., "text": ...}, ...]}. The evaluator is TrAC's:
EvalWithCompoundTypes with the variables plus True/False/None as names and the functions of the rule language.
Every rule is parsed, evaluated, calibrated (calls per batch) and warmed up, then one JSON line goes to stdout:
the versions and each rule's value. After that, each rule id read from stdin is answered with one JSON line: the
nanoseconds per evaluation of each batch of each variant:

  parsed_once    the rule parsed once, then evaluated as eval(text, previously_parsed=node) does (simpleeval 0.9.13+;
                 on 0.9.12, which has no such parameter, the same steps are taken here); TrAC evaluates this way
  upstream_eval  parsed once, with _eval as released upstream in 0.9.12, i.e. without the check of every node's
                 result that the fix for CVE-2026-32640 (Debian's 0.9.12-1+deb12u1) adds; left out where the installed
                 simpleeval has no such check
  string_eval    eval(text): parses the rule on every evaluation, the only public entry point of 0.9.12

The garbage collector is off while a batch is timed, as timeit does.
"""
import argparse
import ast
import gc
import importlib.metadata
import inspect
import json
import math
import platform
import sys
import time
from itertools import repeat

try:
    import simpleeval
except ImportError:
    sys.exit("simpleeval is not installed for %s: apt-get install python3-simpleeval" % sys.executable)


def avg(values):
    return sum(values) / len(values)


FUNCTIONS = {
    "len": len, "sum": sum, "abs": abs, "round": round, "min": min, "max": max, "avg": avg,
    "math_trunc": math.trunc, "math_floor": math.floor, "math_ceil": math.ceil, "math_sqrt": math.sqrt,
    "int": int, "float": float,
}

CHECKS_RESULTS = hasattr(simpleeval.SimpleEval, "_check_disallowed_items")


class UpstreamEval(simpleeval.EvalWithCompoundTypes):
    """EvalWithCompoundTypes with 0.9.12's upstream _eval: a node's handler, without checking its result."""

    def _eval(self, node):
        try:
            handler = self.nodes[type(node)]
        except KeyError:
            raise simpleeval.FeatureNotAvailable(
                "Sorry, {0} is not available in this evaluator".format(type(node).__name__))
        return handler(node)


def evaluator(cls, variables):
    return cls(names={**variables, **simpleeval.DEFAULT_NAMES}, functions=dict(FUNCTIONS))


def parsed_once(ev, text):
    """A call evaluating the rule parsed once, the way TrAC does."""
    node = ast.parse(text.strip()).body[0]
    if "previously_parsed" in inspect.signature(ev.eval).parameters:
        return lambda: ev.eval(text, previously_parsed=node)

    def run():
        ev._max_count = 0  # what EvalWithCompoundTypes.eval resets before each evaluation
        ev.expr = text
        return ev._eval(node)

    return run


def string_eval(ev, text):
    """A call parsing and evaluating the rule text."""
    return lambda: ev.eval(text)


def time_batch(call, n):
    """Nanoseconds per call over n calls, the garbage collector off."""
    gc.disable()
    try:
        start = time.perf_counter_ns()
        for _ in repeat(None, n):
            call()
        return (time.perf_counter_ns() - start) / n
    finally:
        gc.enable()


def calls_per_batch(call, batch_ns):
    n = 100
    while True:
        took = time_batch(call, n) * n
        if took >= batch_ns / 10:
            return max(1, int(n * batch_ns / took))
        n *= 4


def variants(text, variables):
    calls = {"parsed_once": parsed_once(evaluator(simpleeval.EvalWithCompoundTypes, variables), text)}
    if CHECKS_RESULTS:
        calls["upstream_eval"] = parsed_once(evaluator(UpstreamEval, variables), text)
    calls["string_eval"] = string_eval(evaluator(simpleeval.EvalWithCompoundTypes, variables), text)
    return calls


class Rule:
    """One rule's variants, each with its calls per batch, checked to agree and warmed up."""

    def __init__(self, rule, variables, batch_ns):
        self.id = rule["id"]
        self.calls = variants(rule["text"], variables)
        values = {name: call() for name, call in self.calls.items()}
        if len(set(map(repr, values.values()))) != 1:
            sys.exit("rule %s: the variants disagree: %r" % (self.id, values))
        self.value = values["parsed_once"]
        self.sizes = {name: calls_per_batch(call, batch_ns) for name, call in self.calls.items()}
        self.time(1)

    def time(self, batches):
        """ns per evaluation of each batch of each variant."""
        timings = {"id": self.id}
        for name, call in self.calls.items():
            timings[name + "_ns"] = [time_batch(call, self.sizes[name]) for _ in range(batches)]
        return timings


def reply(value):
    print(json.dumps(value), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases")
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--batch-ms", type=float, default=100)
    args = parser.parse_args()
    with open(args.cases, encoding="utf-8") as f:
        cases = json.load(f)
    rules = {rule["id"]: Rule(rule, cases["variables"], args.batch_ms * 1e6) for rule in cases["rules"]}
    reply({
        "python": platform.python_version(),
        "simpleeval": importlib.metadata.version("simpleeval"),
        "checks_results": CHECKS_RESULTS,
        "values": {rule.id: rule.value for rule in rules.values()},
    })
    for line in sys.stdin:
        reply(rules[line.strip()].time(args.batches))


if __name__ == "__main__":
    main()
