# Shared by the benchmark scripts: timing, medians, and the YAML of a benchmark environment.
# Sourced, not run. Expects PGHOST, PGPORT, PGUSER (and optionally PGPASSWORD) to be set.

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# environment_yaml NAME LOGICAL DATABASE [protected]: one entry under nightshift.environments
environment_yaml() {
  cat <<YAML
    $1:
      host: $PGHOST
      port: $PGPORT
      username: $PGUSER
      password: "${PGPASSWORD:-unused}"
      protected: $([ "${4:-}" = protected ] && echo true || echo false)
      data: masked                # generated data: a benchmark may copy it between environments on one server
      databases: {$2: $3}
YAML
}
