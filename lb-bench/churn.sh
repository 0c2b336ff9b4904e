#!/bin/sh
# The churn test: sticky load on several apps while the emulated Marathon changes a task every 100 ms.
#   lb-bench/churn.sh                          # 60 s against ours, summary on stdout
#   lb-bench/churn.sh -d 20s --json churn.json
#   lb-bench/churn.sh --target haproxy         # HAProxy with marathon-lb's config and reload command
# Build the jar first: mvn -B -pl lb-bench -am package -DskipTests
here=$(cd "$(dirname "$0")" && pwd)
exec java ${CHURN_JAVA_OPTS:--Xms256m -Xmx256m} -cp "$here/target/benchmarks.jar" io.mlbj.bench.churn.ChurnCommand "$@"
