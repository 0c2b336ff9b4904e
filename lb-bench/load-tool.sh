#!/bin/sh
# Runs the load tool from the benchmarks jar: load-tool.sh run --url http://127.0.0.1:8080/ -c 50 -d 10s
# Build the jar first: mvn -B -pl lb-bench -am package -DskipTests
here=$(cd "$(dirname "$0")" && pwd)
exec java ${LOAD_TOOL_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC} \
    -cp "$here/target/benchmarks.jar" io.mlbj.bench.load.LoadToolMain "$@"
