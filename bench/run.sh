#!/usr/bin/env bash
# Runs a Coxswain benchmark: bench/run.sh control-latency [--commands 300 --overhead-steps 1500 --rounds 3]
#                             bench/run.sh jmh [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
what="${1:-control-latency}"; shift || true
case "$what" in
  control-latency) exec java -cp "$cp" io.coxswain.bench.ControlLatencyBench "$@" ;;
  jmh) exec java -cp "$cp" org.openjdk.jmh.Main "$@" ;;
  *) echo "unknown benchmark '$what' (control-latency, jmh)" >&2; exit 2 ;;
esac
