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
set -euo pipefail

# shellcheck source=scripts/_bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"

EMBEDDED_LABEL="embedded (SQLite + fakeredis)"
SERVICES_LABEL="PostgreSQL + Redis + S3"
INSTALL_HINT="apt-get install postgresql redis-server"

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
    local services_outcome="$1"
    echo
    echo "==> Summary"
    printf '    %-32s %s\n' "$EMBEDDED_LABEL:" "$(describe "$embedded_rc")"
    printf '    %-32s %s\n' "$SERVICES_LABEL:" "$services_outcome"
}

# The pages in French and Spanish are read from the compiled catalogues.
echo "==> Compiling the translations"
pybabel -q compile -d translations

# Without these the test suite falls back to SQLite and fakeredis.
unset CASEWORK_TEST_DATABASE_URL CASEWORK_TEST_REDIS_URL CASEWORK_TEST_PASS CASEWORK_TEST_S3_URL CASEWORK_TEST_S3_BUCKET

embedded_rc=0
# Set to "embedded" when the servers pass runs alongside: the two passes then share work that
# does not depend on the database (the crawler's accounts, see tests/test_crawler.py).
EMBEDDED_PASS=""
run_embedded_pass() {
    echo "==> Pass 1/2: $EMBEDDED_LABEL"
    CASEWORK_TEST_PASS="$EMBEDDED_PASS" python -m pytest "$@" || embedded_rc=$?
}

# ---------------------------------------------------------------------------
# Find the server binaries
# ---------------------------------------------------------------------------

# Prints the directory holding initdb and pg_ctl, or nothing. Debian does not
# put the server binaries on PATH, hence the /usr/lib/postgresql fallback.
find_pg_bindir() {
    local initdb dir
    if initdb="$(command -v initdb)" && command -v pg_ctl >/dev/null; then
        # Resolve symlinks so that createdb is looked up next to the real initdb.
        dirname "$(readlink -f "$initdb")"
        return
    fi
    # Newest version first; a client-only install has a bin dir without initdb.
    # (An unmatched glob stays literal and fails the -x test.)
    while read -r dir; do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return
        fi
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r)
    return 0
}

# Prints the path of a PostgreSQL program, preferring the one next to initdb.
pg_program() {
    if [[ -x "$PG_BINDIR/$1" ]]; then
        echo "$PG_BINDIR/$1"
    else
        command -v "$1" || true
    fi
}

missing=()
PG_BINDIR="$(find_pg_bindir)"
if [[ -z "$PG_BINDIR" ]]; then
    missing+=("PostgreSQL server binaries (initdb, pg_ctl)")
else
    PG_CTL="$(pg_program pg_ctl)"
    INITDB="$(pg_program initdb)"
    CREATEDB="$(pg_program createdb)"
    [[ -n "$CREATEDB" ]] || missing+=("createdb (PostgreSQL client)")
fi
command -v redis-server >/dev/null || missing+=("redis-server")
python -c 'import moto.server' 2>/dev/null || missing+=("moto's S3 server (pip install -e '.[test]')")

# initdb refuses to run as root, so root runs the PostgreSQL tools as the
# 'postgres' system user (created by the Debian postgresql package).
RUN_AS_ROOT=false
if [[ "$(id -u)" -eq 0 ]]; then
    RUN_AS_ROOT=true
    id -u postgres >/dev/null 2>&1 \
        || missing+=("a 'postgres' system user (needed to run initdb as root)")
fi

if (( ${#missing[@]} > 0 )); then
    run_embedded_pass "$@"
    missing_list="$(printf '%s, ' "${missing[@]}")"
    missing_list="${missing_list%, }"
    if is_ci; then
        echo >&2
        echo "error: CI=true but the $SERVICES_LABEL pass cannot run." >&2
        echo "error: missing: $missing_list" >&2
        echo "error: install them with: $INSTALL_HINT" >&2
        print_summary "NOT RUN (missing: $missing_list)"
        exit 1
    fi
    echo
    echo "NOTICE: skipping the $SERVICES_LABEL pass; missing: $missing_list."
    echo "NOTICE: to run it, install them (Debian/Ubuntu: sudo $INSTALL_HINT)."
    print_summary "skipped (missing: $missing_list)"
    exit "$embedded_rc"
fi

# ---------------------------------------------------------------------------
# Start throwaway PostgreSQL and Redis servers
# ---------------------------------------------------------------------------

TMP_DIR=""
PGDATA_DIR=""
REDIS_PID=""
S3_PID=""
SERVICES_PID=""

# Runs a PostgreSQL tool as the postgres user when we are root, else as us.
# The tools run from inside TMP_DIR so that the postgres user does not warn
# about being unable to access the caller's working directory.
as_pg() {
    if [[ "$RUN_AS_ROOT" == true ]]; then
        if command -v runuser >/dev/null; then
            (cd "$TMP_DIR" && runuser -u postgres -- "$@")
        else
            (cd "$TMP_DIR" && su postgres -s /bin/bash -c "$(printf '%q ' "$@")")
        fi
    else
        (cd "$TMP_DIR" && "$@")
    fi
}

# shellcheck disable=SC2329  # invoked by the EXIT trap
cleanup() {
    local rc=$?
    set +e
    if [[ -n "$SERVICES_PID" ]]; then
        kill "$SERVICES_PID" 2>/dev/null
        wait "$SERVICES_PID" 2>/dev/null
    fi
    if [[ -n "$REDIS_PID" ]]; then
        kill "$REDIS_PID" 2>/dev/null
        wait "$REDIS_PID" 2>/dev/null
    fi
    if [[ -n "$S3_PID" ]]; then
        kill "$S3_PID" 2>/dev/null
        wait "$S3_PID" 2>/dev/null
    fi
    if [[ -n "$PGDATA_DIR" && -f "$PGDATA_DIR/postmaster.pid" ]]; then
        # The data is thrown away, so no need for a clean shutdown.
        as_pg "$PG_CTL" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1
        if [[ -f "$PGDATA_DIR/postmaster.pid" ]]; then
            kill -KILL "$(head -n1 "$PGDATA_DIR/postmaster.pid")" 2>/dev/null
        fi
    fi
    [[ -n "$TMP_DIR" ]] && rm -rf "$TMP_DIR"
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
    print_summary "NOT RUN (server start-up failed)"
    exit 1
}

now() {
    python -c 'import time; print(time.time())'
}

if [[ "$RUN_AS_ROOT" == true ]]; then
    # Under /tmp rather than $TMPDIR, which may not be reachable for postgres.
    TMP_DIR="$(mktemp -d /tmp/casework-test.XXXXXX)"
    chown postgres: "$TMP_DIR"
else
    TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/casework-test.XXXXXX")"
fi
PGDATA_DIR="$TMP_DIR/pgdata"

# Two free ports, chosen in one go so they differ. Another process could grab
# one before the servers bind it; unlikely, and start-up would then fail loudly.
ports="$(python - <<'EOF'
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
EOF
)"
read -r PG_PORT REDIS_PORT S3_PORT <<<"$ports"

echo
echo "==> Starting throwaway PostgreSQL ($PG_BINDIR), Redis and S3-compatible servers"
started_at="$(now)"

initdb_args=(-D "$PGDATA_DIR" -A trust -U casework --encoding=UTF8)
if ! as_pg "$INITDB" "${initdb_args[@]}" --locale=C.UTF-8 >"$TMP_DIR/initdb.log" 2>&1; then
    # Some systems lack the C.UTF-8 locale.
    rm -rf "$PGDATA_DIR"
    as_pg "$INITDB" "${initdb_args[@]}" --locale=C >>"$TMP_DIR/initdb.log" 2>&1 \
        || setup_failed "initdb failed" "$TMP_DIR/initdb.log"
fi

# Durability is pointless for a throwaway test database, so turn it off.
# The socket goes into TMP_DIR: the default (/var/run/postgresql) may not exist
# or be writable.
PG_OPTIONS="-F -k '$TMP_DIR' -c listen_addresses=127.0.0.1 -p $PG_PORT -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
as_pg "$PG_CTL" -w -D "$PGDATA_DIR" -l "$TMP_DIR/postgres.log" -o "$PG_OPTIONS" start >/dev/null \
    || setup_failed "PostgreSQL did not start" "$TMP_DIR/postgres.log"

"$CREATEDB" -h 127.0.0.1 -p "$PG_PORT" -U casework casework_test \
    || setup_failed "could not create the casework_test database" "$TMP_DIR/postgres.log"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize no --dir "$TMP_DIR" --logfile "$TMP_DIR/redis.log" &
REDIS_PID=$!

redis_ping() {
    if command -v redis-cli >/dev/null; then
        [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
    else
        python - "$REDIS_PORT" <<'EOF' 2>/dev/null
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1) as s:
    s.sendall(b"PING\r\n")
    sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
EOF
    fi
}

# Wait up to 10 seconds for Redis to answer.
for _ in $(seq 100); do
    redis_ping && break
    kill -0 "$REDIS_PID" 2>/dev/null \
        || { REDIS_PID=""; setup_failed "redis-server exited during start-up" "$TMP_DIR/redis.log"; }
    sleep 0.1
done
redis_ping || setup_failed "redis-server did not answer PING within 10s" "$TMP_DIR/redis.log"

# The fault tests stop, start and restart this PostgreSQL (`pg-ctl.sh stop|start|restart`), as
# an operator or a crash would; the script runs pg_ctl as the user that owns the data.
PG_CTL_SCRIPT="$TMP_DIR/pg-ctl.sh"
{
    echo '#!/usr/bin/env bash'
    printf 'cd %q || exit 1\n' "$TMP_DIR"
    runner=""
    if [[ "$RUN_AS_ROOT" == true ]]; then
        runner="runuser -u postgres --"
    fi
    printf 'exec %s %q -D %q -l %q -o %q -m fast -w "$1"\n' "$runner" "$PG_CTL" "$PGDATA_DIR" \
        "$TMP_DIR/postgres.log" "$PG_OPTIONS"
} >"$PG_CTL_SCRIPT"
chmod +x "$PG_CTL_SCRIPT"

# An S3-compatible object store in memory: moto's server mode.
python -m moto.server -H 127.0.0.1 -p "$S3_PORT" >"$TMP_DIR/s3.log" 2>&1 &
S3_PID=$!
s3_ping() {
    python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
        "http://127.0.0.1:$S3_PORT/" >/dev/null 2>&1
}
for _ in $(seq 150); do
    s3_ping && break
    kill -0 "$S3_PID" 2>/dev/null \
        || { S3_PID=""; setup_failed "the S3-compatible server exited during start-up" "$TMP_DIR/s3.log"; }
    sleep 0.1
done
s3_ping || setup_failed "the S3-compatible server did not answer within 15s" "$TMP_DIR/s3.log"

startup_secs="$(python -c "print(f'{$(now) - $started_at:.1f}')")"
echo "    PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT, S3 on 127.0.0.1:$S3_PORT (ready in ${startup_secs}s)"

# ---------------------------------------------------------------------------
# Pass 2 in the background, pass 1 in the foreground
# ---------------------------------------------------------------------------

SERVICES_LOG="$TMP_DIR/pass2.log"
(
    export CASEWORK_TEST_DATABASE_URL="postgresql+psycopg://casework@127.0.0.1:$PG_PORT/casework_test"
    export CASEWORK_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    export CASEWORK_TEST_PG_CTL="$PG_CTL_SCRIPT"
    export CASEWORK_TEST_S3_URL="http://127.0.0.1:$S3_PORT" CASEWORK_TEST_S3_BUCKET="casework-test"
    export AWS_ACCESS_KEY_ID="test" AWS_SECRET_ACCESS_KEY="test"
    # Tells the suite that a missing server is an error in this pass, not a reason to skip.
    export CASEWORK_TEST_PASS=servers
    exec python -m pytest "$@"
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

print_summary "$(describe "$services_rc")"

# The EXIT trap stops the servers and removes TMP_DIR.
if (( embedded_rc != 0 )); then
    exit "$embedded_rc"
fi
exit "$services_rc"
