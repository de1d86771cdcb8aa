#!/usr/bin/env bash
# Runs Rapport's benchmarks and writes the results under benchmarks/results/.
#
#   ./run.sh short   about ten minutes: 1 fork, 3 x 1 s warm-up, 3 x 1 s measurement, and the
#                    scale benchmark at 10^4 and 10^5 customers (SIZES=10000,1000000 for 10^6)
#   ./run.sh analytics  the crm-analytics benchmarks with their declared settings (~10 minutes)
#   ./run.sh activity   the activity benchmarks (record, timeline, timeline at 10^4 vs 10^7
#                    interactions) with their declared settings; seeding 10^7 takes minutes, and
#                    RAPPORT_KEEP_SEED=1 keeps the seeded schemas (rb_keep_*) for the next run
#   ./run.sh import     the Online Retail import (541,909 lines from ../shared/data) on PostgreSQL:
#                    Rapport's CsvImporter vs COPY vs row-by-row INSERTs (and vs COPY of Rapport's
#                    resulting rows into its own tables), single shots in a
#                    -Xmx256m fork (1 warm-up shot, the JVM's first, and 2 measured), peak heap per
#                    shot (lines "heap:"), about 3-5 minutes
#   ./run.sh calendar   business-time arithmetic (BusinessTimeBenchmark: plus and between over a
#                    day, a month and a year vs minute stepping) with its declared settings, ~3 minutes
#   ./run.sh queue   a team's first queue page with 10^4 and 10^6 open cases on PostgreSQL
#                    (CaseQueueScaleBenchmark) with its declared settings, ~3 minutes
#   ./run.sh full    the settings declared on each benchmark class (2 forks of 3 x 2 s warm-up and
#                    5 x 2 s measurement; the scale benchmark 3 + 6 iterations), about 25 minutes
#
# Any further arguments go to JMH (e.g. a benchmark regex: ./run.sh short InMemoryBenchmark).
# Environment: RAPPORT_PG_URL (JDBC URL of PostgreSQL, default 127.0.0.1:5432/test as postgres),
# SIZES (the scale benchmark's sizes, comma-separated), SKIP_BUILD=1 (use the jar already built).
set -euo pipefail

profile="${1:-short}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && ./mvnw -q -pl benchmarks -am package -DskipTests)
fi

# The analytics benchmarks have their own profile: their single-shot fits take minutes and must
# keep their declared settings.
case "$profile" in
  short)
    jmh=(-f 1 -wi 3 -w 1s -i 3 -r 1s -e analytics,Activity,Import,BusinessTime,CaseQueue)
    sizes="${SIZES:-10000,100000}"
    heap_n=100000
    ;;
  full)
    jmh=(-e analytics,Activity,Import,BusinessTime,CaseQueue)
    sizes="${SIZES:-10000,1000000}"
    heap_n=500000
    ;;
  analytics)
    jmh=(analytics)
    sizes=""
    heap_n=0
    ;;
  import)
    jmh=(ImportBenchmark)
    sizes=""
    heap_n=0
    ;;
  activity)
    jmh=(Activity)
    sizes=""
    heap_n=0
    ;;
  queue)
    jmh=(CaseQueueScaleBenchmark)
    sizes=""
    heap_n=0
    ;;
  calendar)
    jmh=(BusinessTimeBenchmark)
    sizes=""
    heap_n=0
    ;;
  *)
    echo "usage: $0 short|full|analytics|activity|import|calendar|queue [JMH arguments]" >&2
    exit 2
    ;;
esac

jar="$here/target/benchmarks.jar"
mkdir -p "$here/results"
out="$here/results/$(date -u +%Y-%m-%d)-$profile"

{
  echo "# Rapport benchmarks, profile $profile"
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "jdk:     $(java -version 2>&1 | head -1)"
  echo "cpus:    $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory:  $(free -h | awk '/^Mem:/ {print $2}')"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
  echo "jmh:     ${jmh[*]:-(declared settings)} -p size=$sizes $*"
  echo
} > "$out.txt"

if [[ -n "$sizes" ]]; then
  jmh+=(-p size="$sizes")
fi
java -jar "$jar" "${jmh[@]}" -rf json -rff "$out.json" "$@" 2>&1 | tee -a "$out.txt"

[[ "$heap_n" -gt 0 ]] && {
  echo
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the run"
  echo
  echo "# Heap per stored customer"
  java -Xms4g -Xmx4g -cp "$jar" dev.rapport.benchmarks.HeapPerCustomer "$heap_n" 5
  echo
  echo "# Round trips per operation"
  java -cp "$jar" dev.rapport.benchmarks.RoundTrips 2>/dev/null
} 2>&1 | tee -a "$out.txt"

if command -v python3 > /dev/null; then
  python3 "$here/summarize.py" "$out.json" | tee "$out-summary.md"
fi
echo "results: $out.txt, $out.json"
