#!/usr/bin/env bash
# Fleet benchmark: the nightly backup of 24 small databases (about 20 MB each) spread over two PostgreSQL
# servers, run concurrently (nightshift.concurrency: per-server 2, total = available cores, the defaults)
# against the same command run one database after another (total: 1), interleaved in the same run.
#
#   bench/fleet-backup-bench.sh [ROUNDS]        (default 3 rounds; medians are reported)
#   BENCH_TOTAL=4 bench/fleet-backup-bench.sh    the concurrent side with nightshift.concurrency.total: 4
#
# Server A is the one the libpq variables name (default 127.0.0.1:5432 as postgres); server B is a throwaway
# cluster this script starts from the local installation on $BENCH_PORT2 (default 55432) under $BENCH_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rounds="${1:-3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
port2="${BENCH_PORT2:-55432}"
work="${BENCH_DIR:-/tmp/nightshift-fleet-bench}"
ops=nightshift_fleet_bench_ops
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bin" ] || bin="$(dirname "$(command -v pg_ctl)")"
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work"

# server B
pg2="$work/pg2"
if [ ! -f "$pg2/PG_VERSION" ]; then
  mkdir -p "$pg2"; [ "$(id -u)" -eq 0 ] && chown postgres "$pg2"
  as_owner "$bin/initdb" -D "$pg2" -U "$PGUSER" --auth=trust -E UTF8 --locale=C >/dev/null
fi
as_owner "$bin/pg_ctl" -D "$pg2" -o "-p $port2 -k $pg2 -c listen_addresses=127.0.0.1" -l "$pg2/server.log" -w start >/dev/null
trap 'as_owner "$bin/pg_ctl" -D "$pg2" -m fast -w stop >/dev/null' EXIT

databases=""
for i in $(seq -w 1 24); do
  if [ "$i" -le 12 ]; then host="$PGHOST"; port="$PGPORT"; else host=127.0.0.1; port="$port2"; fi
  db="fleet_$i"
  if ! psql -h "$host" -p "$port" -qAt -d "$db" -c "SELECT 1" >/dev/null 2>&1; then
    createdb -h "$host" -p "$port" "$db"
    psql -h "$host" -p "$port" -q -d "$db" -c "CREATE TABLE events AS SELECT g AS id, md5(g::text) AS a,
        md5((g * 7)::text) AS b, now() - g * interval '1 s' AS at FROM generate_series(1, 180000) g;
        ALTER TABLE events ADD PRIMARY KEY (id)"
  fi
  databases="$databases${databases:+, }d$i: \"$host:$port/$db\""
done
size="$(psql -h "$PGHOST" -p "$PGPORT" -qAt -d fleet_01 -c "SELECT pg_database_size(current_database())")"
[ -f "$root/target/nightshift.jar" ] || (cd "$root" && ./mvnw -q -B package -DskipTests)

config() {  # config NAME TOTAL
  cat > "$work/$1.yml" <<YAML
nightshift:
  ops-database: {url: "jdbc:postgresql://$PGHOST:$PGPORT/$ops", username: $PGUSER, password: "${PGPASSWORD:-unused}"}
  backup:
    directory: $work/backups-$1
    retention: {keep-last: 1, hourly: 0, daily: 0, weekly: 0, monthly: 0}
  concurrency: {total: $2}
  environments:
    fleet:
      host: $PGHOST
      port: $PGPORT
      username: $PGUSER
      password: "${PGPASSWORD:-unused}"
      databases: {$databases}
YAML
}
config sequential 1
config concurrent "${BENCH_TOTAL:-0}"

psql -q -d postgres -c "DROP DATABASE IF EXISTS $ops" && createdb "$ops"
"$root/scripts/nightshift" --config "$work/concurrent.yml" backup --env fleet --database d01 >/dev/null 2>&1  # warm-up, CDS archive

seq_times=(); con_times=()
for r in $(seq 1 "$rounds"); do
  for mode in sequential concurrent; do
    start="$(now)"
    "$root/scripts/nightshift" --config "$work/$mode.yml" backup --env fleet --run-key "bench-$mode-$r-$$" > "$work/$mode-$r.log" 2>&1 \
      || { echo "backup ($mode) failed, see $work/$mode-$r.log" >&2; exit 1; }
    t="$(elapsed "$start" "$(now)")"
    [ "$mode" = sequential ] && seq_times+=("$t") || con_times+=("$t")
    echo "round $r $mode: $t s" >&2
  done
done
s="$(printf '%s\n' "${seq_times[@]}" | median)"; c="$(printf '%s\n' "${con_times[@]}" | median)"
echo "24 databases of $(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1e6 }') each on two servers, $(nproc) cores"
echo "sequential (total: 1): ${seq_times[*]} s, median $s s"
echo "concurrent (defaults): ${con_times[*]} s, median $c s"
awk -v s="$s" -v c="$c" 'BEGIN { printf "concurrent / sequential: %.2fx (goal: at most 0.6x)\n", c / s }'
