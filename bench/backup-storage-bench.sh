#!/usr/bin/env bash
# Backup storage and encryption benchmark (issue 7): wall time of `nightshift backup` into the local
# directory (the baseline), into the local directory encrypted (Tink StreamingAead), and into an
# S3-compatible bucket encrypted (multipart upload plus the SHA-256 read-back), interleaved in each round,
# plus a full restore of each into a fresh database. The S3 server is the test suite's S3Proxy (in memory,
# on 127.0.0.1, in its own JVM), so the S3 numbers measure the client side, not a network.
#
#   bench/backup-storage-bench.sh [ROUNDS]    (default 3 rounds; medians are reported)
#
# Connects with the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), default 127.0.0.1:5432 as
# postgres. The source is nightshift_bench_tenth (bench/generate-bench-db.sql with a tenth of the rows,
# about 140 MB; generated when missing, kept between runs); BENCH_DB names another database.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rounds="${1:-3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db="${BENCH_DB:-nightshift_bench_tenth}"; scale=10
ops=${db}_storage_ops
restored=${db}_restored
work="${BENCH_DIR:-/tmp/nightshift-storage-bench}"
mkdir -p "$work"

if ! psql -qAt -d "$db" -c "SELECT 1" >/dev/null 2>&1; then
  echo "generating $db (1/$scale of the rows of the full benchmark database) ..." >&2
  createdb "$db"
  perl -0pe 'my %n = map { $_ => int($_ / '"$scale"') } /generate_series\(1, (\d+)\)/g;
             for my $k (keys %n) { s/\b$k\b/$n{$k}/g }' "$root/bench/generate-bench-db.sql" |
    psql -q -v ON_ERROR_STOP=1 -d "$db"
fi
drop() { for d in "$@"; do PGOPTIONS="-c client_min_messages=warning" psql -q -d postgres -c "DROP DATABASE IF EXISTS $d"; done; }
drop "$ops" "$restored" && createdb "$ops"
(cd "$root" && ./mvnw -q -B -ntp package -DskipTests && ./mvnw -q -B -ntp test-compile \
  && ./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null)
rm -rf "$root/target/nightshift-app" "$work/backups" "$work/keyset.json"

# the S3 server runs until this script ends (its stdin is the fifo we hold open)
rm -f "$work/s3.in" && mkfifo "$work/s3.in"
java -cp "$root/target/test-classes:$root/target/classes:$(cat "$root/target/bench.classpath")" \
  dev.nightshift.testsupport.TestS3Server <"$work/s3.in" >"$work/s3-server.out" 2>&1 &
s3_pid=$!
exec 9>"$work/s3.in"
trap 'exec 9>&-; wait $s3_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q '^storage:' "$work/s3-server.out" && break; sleep 0.1; done
storage="$(grep -m 1 '^storage:' "$work/s3-server.out")" || { echo "the S3 server did not start:" >&2; cat "$work/s3-server.out" >&2; exit 1; }

config() { # config NAME [backup settings...]
  { cat <<YAML
nightshift:
  ops-database: {url: "jdbc:postgresql://$PGHOST:$PGPORT/$ops", username: $PGUSER, password: "${PGPASSWORD:-unused}"}
  backup:
    directory: $work/backups
    retention: {keep-last: 1, hourly: 0, daily: 0, weekly: 0, monthly: 0}
YAML
    for line in "${@:2}"; do echo "    $line"; done
    echo "  environments:"
    environment_yaml "$1" bench "$db"
    environment_yaml "${1}-restore" bench "$restored"
  } > "$work/$1.yml"
}
config plain
config encrypted "encryption: {keyset-file: $work/keyset.json}"
config s3 "encryption: {keyset-file: $work/keyset.json}" "$storage"
nightshift() { local name=$1; shift; "$root/scripts/nightshift" --config "$work/$name.yml" "$@"; }
nightshift plain backups keygen --out "$work/keyset.json" >/dev/null
# untimed warm-up: builds the class-data-sharing archive, as the first run after an install would
nightshift plain backup --env plain >"$work/warmup.log" 2>&1

db_size=$(psql -qAt -d "$db" -c "SELECT pg_database_size(current_database())")
echo "database $db: $db_size bytes; $rounds rounds; $(nproc) cores" >&2
: > "$work/rows.tsv"
for round in $(seq 1 "$rounds"); do
  row="$round"
  for variant in plain encrypted s3; do
    t0=$(now); nightshift "$variant" backup --env "$variant" --run-key "r$round" >"$work/$variant.log" 2>&1; t1=$(now)
    backup_time=$(elapsed "$t0" "$t1")
    t0=$(now)
    nightshift "$variant" restore --env "$variant" --database bench --into "${variant}-restore" >>"$work/$variant.log" 2>&1
    t1=$(now)
    row="$row	$backup_time	$(elapsed "$t0" "$t1")"
  done
  printf '%s\n' "$row" | tee -a "$work/rows.tsv" >&2
  grep -q "into s3/bench/.*(s3://" "$work/s3.log" || { echo "the s3 variant did not write to S3:" >&2; cat "$work/s3.log" >&2; exit 1; }
done
drop "$restored" "$ops"

m() { cut -f"$1" "$work/rows.tsv" | median; }
pb=$(m 2); pr=$(m 3); eb=$(m 4); er=$(m 5); sb=$(m 6); sr=$(m 7)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cat <<REPORT

| measure (median of $rounds, s) | local, plain (baseline) | local, encrypted | S3 (in-process), encrypted |
|---|---|---|---|
| backup wall time | $pb | $eb ($(ratio "$eb" "$pb")x) | $sb ($(ratio "$sb" "$pb")x) |
| restore wall time | $pr | $er ($(ratio "$er" "$pr")x) | $sr ($(ratio "$sr" "$pr")x) |
REPORT
