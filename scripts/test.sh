#!/usr/bin/env bash
# Run the test suite in two passes:
#
#   1. "embedded"           SQLite + fakeredis; needs nothing beyond Python.
#   2. "PostgreSQL + Redis + S3" against throwaway servers that this script
#                           starts on free loopback ports and removes afterwards
#                           (the S3-compatible one is moto's server mode).
#
# When both servers are available the two passes run side by side (one pytest
# process each, so a machine with two cores takes about as long as the slower
# pass): pass 1 prints as it goes, pass 2's output follows once pass 1 is done.
#
# Extra arguments go to pytest in both passes:
#
#     bash scripts/test.sh -x -k communications
#
# If the PostgreSQL server binaries or redis-server are not installed, pass 2
# is skipped with a notice; with CI=true that is an error instead.
#
# Run with no arguments (as CI does), it then runs the cluster check on the same
# servers (scripts/cluster-check.sh: two web nodes and two workers); a failure
# fails the run.
set -euo pipefail

# shellcheck source=scripts/_bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"
# shellcheck source=scripts/_servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/_servers.sh"

EMBEDDED_LABEL="embedded (SQLite + fakeredis)"
SERVICES_LABEL="PostgreSQL + Redis + S3"
CLUSTER_LABEL="Cluster check (2 web nodes)"

is_ci() {
    [[ "${CI:-}" == "true" || "${CI:-}" == "1" ]]
}

# Human-readable outcome of a pytest exit status.
describe() {
    case "$1" in
        0) echo "passed" ;;
        5) echo "FAILED (no tests collected)" ;;
        *) echo "FAILED (pytest exit status $1)" ;;
    esac
}

print_summary() {
    local services_outcome="$1" cluster_outcome="$2"
    echo
    echo "==> Summary"
    printf '    %-32s %s\n' "$EMBEDDED_LABEL:" "$(describe "$embedded_rc")"
    printf '    %-32s %s\n' "$SERVICES_LABEL:" "$services_outcome"
    printf '    %-32s %s\n' "$CLUSTER_LABEL:" "$cluster_outcome"
}

# The pages in French and Spanish are read from the compiled catalogues.
echo "==> Compiling the translations"
pybabel -q compile -d translations

# Without these the test suite falls back to SQLite and fakeredis.
unset CASEWORK_TEST_DATABASE_URL CASEWORK_TEST_REDIS_URL CASEWORK_TEST_PASS CASEWORK_TEST_S3_URL CASEWORK_TEST_S3_BUCKET

# The slowest tests of each pass are listed at its end, to keep the whole run's time in view.
DURATIONS=(--durations=25)
embedded_rc=0
# Set to "embedded" when the servers pass runs alongside: the two passes then share work that
# does not depend on the database (the crawler's accounts, see tests/test_crawler.py).
EMBEDDED_PASS=""
run_embedded_pass() {
    echo "==> Pass 1/2: $EMBEDDED_LABEL"
    CASEWORK_TEST_PASS="$EMBEDDED_PASS" python -m pytest "${DURATIONS[@]}" "$@" || embedded_rc=$?
}

# ---------------------------------------------------------------------------
# Find and start the throwaway servers (scripts/_servers.sh)
# ---------------------------------------------------------------------------

servers_find
if (( ${#SERVERS_MISSING[@]} > 0 )); then
    run_embedded_pass "$@"
    missing_list="$(servers_missing_list)"
    if is_ci; then
        echo >&2
        echo "error: CI=true but the $SERVICES_LABEL pass cannot run." >&2
        echo "error: missing: $missing_list" >&2
        echo "error: install them with: $SERVERS_INSTALL_HINT" >&2
        print_summary "NOT RUN (missing: $missing_list)" "NOT RUN (no servers)"
        exit 1
    fi
    echo
    echo "NOTICE: skipping the $SERVICES_LABEL pass; missing: $missing_list."
    echo "NOTICE: to run it, install them (Debian/Ubuntu: sudo $SERVERS_INSTALL_HINT)."
    print_summary "skipped (missing: $missing_list)" "skipped (no servers)"
    exit "$embedded_rc"
fi

SERVICES_PID=""

# shellcheck disable=SC2329  # invoked by the EXIT trap
cleanup() {
    local rc=$?
    set +e
    if [[ -n "$SERVICES_PID" ]]; then
        kill "$SERVICES_PID" 2>/dev/null
        wait "$SERVICES_PID" 2>/dev/null
    fi
    servers_stop
    exit "$rc"
}
trap cleanup EXIT
# Turn signals into a normal exit so that the EXIT trap always cleans up.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Server start-up failed: show why, still report pass 1, and stop.
setup_failed() {
    echo "error: $1" >&2
    if [[ -n "${2:-}" && -f "$2" ]]; then
        echo "---- $2 ----" >&2
        tail -n 40 "$2" >&2
        echo "----" >&2
    fi
    print_summary "NOT RUN (server start-up failed)" "NOT RUN (server start-up failed)"
    exit 1
}

servers_start

# ---------------------------------------------------------------------------
# Pass 2 in the background, pass 1 in the foreground
# ---------------------------------------------------------------------------

SERVICES_LOG="$SERVERS_DIR/pass2.log"
(
    export CASEWORK_TEST_DATABASE_URL="postgresql+psycopg://casework@127.0.0.1:$PG_PORT/casework_test"
    export CASEWORK_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    export CASEWORK_TEST_PG_CTL="$PG_CTL_SCRIPT"
    export CASEWORK_TEST_S3_URL="http://127.0.0.1:$S3_PORT" CASEWORK_TEST_S3_BUCKET="casework-test"
    export AWS_ACCESS_KEY_ID="test" AWS_SECRET_ACCESS_KEY="test"
    # Tells the suite that a missing server is an error in this pass, not a reason to skip.
    export CASEWORK_TEST_PASS=servers
    exec python -m pytest "${DURATIONS[@]}" "$@"
) >"$SERVICES_LOG" 2>&1 </dev/null &
SERVICES_PID=$!

echo
EMBEDDED_PASS=embedded
run_embedded_pass "$@"

echo
echo "==> Pass 2/2: $SERVICES_LABEL (started alongside pass 1)"
tail -n +1 -f --pid="$SERVICES_PID" "$SERVICES_LOG"
services_rc=0
wait "$SERVICES_PID" || services_rc=$?
SERVICES_PID=""

# The cluster check (scripts/cluster-check.sh) on the same servers, with a database, a Redis
# database and a bucket of its own: two web nodes, two workers and the scheduler, driven over
# HTTP. It runs for the whole suite only (as CI runs it), not for a subset picked with arguments.
cluster_rc=0
if (( $# > 0 )); then
    cluster_outcome="skipped (pytest arguments given; run bash scripts/cluster-check.sh)"
else
    echo
    echo "==> $CLUSTER_LABEL, on the same servers"
    servers_createdb casework_cluster
    CLUSTER_DATABASE_URL="postgresql+psycopg://casework@127.0.0.1:$PG_PORT/casework_cluster" \
        CLUSTER_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1" \
        CLUSTER_S3_URL="http://127.0.0.1:$S3_PORT" \
        bash scripts/cluster-check.sh </dev/null || cluster_rc=$?
    if (( cluster_rc == 0 )); then
        cluster_outcome="passed"
    else
        cluster_outcome="FAILED (exit status $cluster_rc)"
    fi
fi

print_summary "$(describe "$services_rc")" "$cluster_outcome"

# The EXIT trap stops the servers and removes SERVERS_DIR.
if (( embedded_rc != 0 )); then
    exit "$embedded_rc"
fi
if (( services_rc != 0 )); then
    exit "$services_rc"
fi
exit "$cluster_rc"
