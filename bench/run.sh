#!/usr/bin/env bash
# Runs a Coxswain benchmark.
#   bench/run.sh control-latency [--commands 300 --interval-ms 50 --overhead-steps 1500 --rounds 3]
#       The broker runs in its own JVM pinned to CPU 1 (on a real deployment it is another host); the agent's JVM
#       trains with one ND4J thread, so one core stays for training and the other for Kafka.
#   bench/run.sh control-latency-shared [...]   the same with the broker inside the agent's JVM, no pinning
#   bench/run.sh agent-overhead [--steps 600 --rounds 20 --skip 100 --lockstep-rounds 3 --lockstep-steps 2000]
#       Bare DL4J loop vs the whole agent (discarding sink; Kafka sink on a broker inside this JVM): separate runs in
#       alternating rounds, then each agent with the bare loop stepping in lockstep on its training thread.
#   bench/run.sh agent-overhead-external [...]   the same with the broker in its own JVM pinned to CPU 1 and one
#       ND4J thread for training
#   bench/run.sh resume [--workloads mlp-blobs,cnn-shapes --rounds 3 --kill-after 250 --save-steps 100]
#       cox train killed with SIGKILL, then cox train --resume, each in its own JVM: restart cost vs a fresh start.
#   bench/run.sh rule-eval [--rounds 3 --batches 3 --batch-ms 100 --warmup-ms 3000]
#       The rule evaluator against simpleeval (TrAC's), same rules and metric values, alternating rule by rule.
#       Needs simpleeval for $PYTHON (default /usr/bin/python3): apt-get install python3-simpleeval
#   bench/run.sh rules-throughput [--runs 1000 --steps 100 --latency-seconds 20 --rate N --short-commit-ms 20]
#       control-streams with a 10-controller rule set: in-memory engine, max events/s, then send -> command latency at
#       half that rate (default and short commit interval); the app runs in this JVM, the broker in its own pinned
#       to CPU 1.
#   bench/run.sh ledger-queries [--events 1000000 --change-every 1000 --queries 50]
#       The ledger's reads on one long run in an embedded PostgreSQL: state at a step, and the hash chain walk.
#   bench/run.sh ledger-ingest [--events 1000000 --runs 1000 --rounds 3 --baseline-rounds 1 --batch-size 500]
#       Records of a fleet produced into a broker in this JVM, then the real LedgerIngest draining them into a fresh
#       database of an embedded PostgreSQL, round after round; alternating, the trigger-chained write path before.
#   bench/run.sh jmh [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-control-latency}"; shift || true

# The Python that has Debian's python3-simpleeval, checked before the build.
python_with_simpleeval() {
  python="${PYTHON:-/usr/bin/python3}"
  "$python" -c 'import simpleeval' 2>/dev/null || {
    echo "simpleeval is missing for $python: apt-get install python3-simpleeval (or set PYTHON to a Python that" \
      "has it)" >&2
    exit 1
  }
}
if [ "$what" = rule-eval ]; then python_with_simpleeval; fi

./mvnw -B -q -pl bench -am package -DskipTests
cp="bench/target/classes:$(cat bench/target/classpath.txt)"

# Starts the benchmark's broker in its own JVM pinned to CPU 1 and sets $bootstrap; it stops when this script exits.
external_broker() {
  ready="$(mktemp -u /tmp/cox-bench-broker.XXXXXX)"
  # The broker runs until its stdin closes: a fifo held open by this script.
  fifo="$(mktemp -u /tmp/cox-bench-fifo.XXXXXX)"; mkfifo "$fifo"
  taskset -c 1 java -cp "$cp" io.coxswain.bench.BrokerMain "$ready" < "$fifo" > /tmp/cox-bench-broker.log 2>&1 &
  broker=$!
  exec 3>"$fifo"
  trap 'exec 3>&-; wait "$broker" 2>/dev/null || true; rm -f "$fifo" "$ready"' EXIT
  for _ in $(seq 1 120); do [ -s "$ready" ] && break; sleep 0.5; done
  [ -s "$ready" ] || { echo "broker did not start; see /tmp/cox-bench-broker.log" >&2; exit 1; }
  bootstrap="$(cat "$ready")"
}

case "$what" in
  control-latency)
    external_broker
    OMP_NUM_THREADS=1 java -cp "$cp" io.coxswain.bench.ControlLatencyBench --bootstrap "$bootstrap" "$@" ;;
  control-latency-shared) java -cp "$cp" io.coxswain.bench.ControlLatencyBench "$@" ;;
  agent-overhead) java -cp "$cp" io.coxswain.bench.AgentOverheadBench "$@" ;;
  agent-overhead-external)
    external_broker
    OMP_NUM_THREADS=1 java -cp "$cp" io.coxswain.bench.AgentOverheadBench --bootstrap "$bootstrap" "$@" ;;
  resume) java -cp "$cp" io.coxswain.bench.ResumeBench "$@" ;;
  rule-eval) java -cp "$cp" io.coxswain.bench.RuleEvalVsSimpleeval --python "$python" "$@" ;;
  rules-throughput)
    external_broker
    java -Dcox.log.file=/tmp/cox-bench-rules.log -cp "$cp" io.coxswain.bench.RulesThroughputBench \
      --bootstrap "$bootstrap" "$@" ;;
  ledger-queries) java -cp "$cp" io.coxswain.bench.LedgerQueriesBench "$@" ;;
  ledger-ingest) java -Xmx2g -cp "$cp" io.coxswain.bench.LedgerIngestBench "$@" ;;
  jmh) exec java -cp "$cp" org.openjdk.jmh.Main "$@" ;;
  *) echo "unknown benchmark '$what' (control-latency, control-latency-shared, agent-overhead," \
       "agent-overhead-external, resume, rule-eval, rules-throughput, ledger-queries, ledger-ingest, jmh)" >&2; exit 2 ;;
esac
