#!/usr/bin/env bash
# Masking throughput per strategy: rows per second RowMasker masks on one thread, users-shaped rows
# (id, email, name, phone, jsonb profile), median of 3 rounds of 200,000 rows each after a warm-up.
#
#   bench/masking-throughput.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.nightshift.sync.masking.MaskingThroughputBench
