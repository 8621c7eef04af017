# shellcheck shell=bash
# Throwaway PostgreSQL, Redis and S3-compatible (moto) servers on free loopback ports, for the
# test suite's servers pass (scripts/test.sh) and the cluster check (scripts/cluster-check.sh).
# Source it after _bootstrap.sh, don't run it:
#
#     source "$(dirname "${BASH_SOURCE[0]}")/_servers.sh"
#     servers_find                      # fills SERVERS_MISSING with what is not installed
#     servers_start                     # PG_PORT, REDIS_PORT, S3_PORT, SERVERS_DIR, PG_CTL_SCRIPT
#     ...
#     servers_stop                      # from the caller's EXIT trap
#
# The caller defines `setup_failed MESSAGE [LOG]`, called (and expected to exit) when a server
# does not start; servers_stop then removes whatever was started.

SERVERS_INSTALL_HINT="apt-get install postgresql redis-server"
SERVERS_MISSING=()
SERVERS_DIR=""
PGDATA_DIR=""
REDIS_PID=""
S3_PID=""

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

# Finds the server programs; what is missing goes into SERVERS_MISSING (empty: all there).
servers_find() {
    SERVERS_MISSING=()
    PG_BINDIR="$(find_pg_bindir)"
    if [[ -z "$PG_BINDIR" ]]; then
        SERVERS_MISSING+=("PostgreSQL server binaries (initdb, pg_ctl)")
    else
        PG_CTL="$(pg_program pg_ctl)"
        INITDB="$(pg_program initdb)"
        CREATEDB="$(pg_program createdb)"
        [[ -n "$CREATEDB" ]] || SERVERS_MISSING+=("createdb (PostgreSQL client)")
    fi
    command -v redis-server >/dev/null || SERVERS_MISSING+=("redis-server")
    python -c 'import moto.server' 2>/dev/null || SERVERS_MISSING+=("moto's S3 server (pip install -e '.[test]')")

    # initdb refuses to run as root, so root runs the PostgreSQL tools as the
    # 'postgres' system user (created by the Debian postgresql package).
    RUN_AS_ROOT=false
    if [[ "$(id -u)" -eq 0 ]]; then
        RUN_AS_ROOT=true
        id -u postgres >/dev/null 2>&1 \
            || SERVERS_MISSING+=("a 'postgres' system user (needed to run initdb as root)")
    fi
}

# What servers_find found missing, as one comma-separated line.
servers_missing_list() {
    local list
    list="$(printf '%s, ' "${SERVERS_MISSING[@]}")"
    echo "${list%, }"
}

# Runs a PostgreSQL tool as the postgres user when we are root, else as us.
# The tools run from inside SERVERS_DIR so that the postgres user does not warn
# about being unable to access the caller's working directory.
as_pg() {
    if [[ "$RUN_AS_ROOT" == true ]]; then
        if command -v runuser >/dev/null; then
            (cd "$SERVERS_DIR" && runuser -u postgres -- "$@")
        else
            (cd "$SERVERS_DIR" && su postgres -s /bin/bash -c "$(printf '%q ' "$@")")
        fi
    else
        (cd "$SERVERS_DIR" && "$@")
    fi
}

now() {
    python -c 'import time; print(time.time())'
}

# Creates a database owned by the servers' role ("casework", trusted on loopback).
servers_createdb() {
    "$CREATEDB" -h 127.0.0.1 -p "$PG_PORT" -U casework "$1" \
        || setup_failed "could not create the $1 database" "$SERVERS_DIR/postgres.log"
}

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

s3_ping() {
    python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
        "http://127.0.0.1:$S3_PORT/" >/dev/null 2>&1
}

# Starts the three servers (and creates the casework_test database); see the top of this file.
servers_start() {
    local ports started_at startup_secs initdb_args runner
    if [[ "$RUN_AS_ROOT" == true ]]; then
        # Under /tmp rather than $TMPDIR, which may not be reachable for postgres.
        SERVERS_DIR="$(mktemp -d /tmp/casework-test.XXXXXX)"
        chown postgres: "$SERVERS_DIR"
    else
        SERVERS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/casework-test.XXXXXX")"
    fi
    PGDATA_DIR="$SERVERS_DIR/pgdata"

    # Three free ports, chosen in one go so they differ. Another process could grab
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
    if ! as_pg "$INITDB" "${initdb_args[@]}" --locale=C.UTF-8 >"$SERVERS_DIR/initdb.log" 2>&1; then
        # Some systems lack the C.UTF-8 locale.
        rm -rf "$PGDATA_DIR"
        as_pg "$INITDB" "${initdb_args[@]}" --locale=C >>"$SERVERS_DIR/initdb.log" 2>&1 \
            || setup_failed "initdb failed" "$SERVERS_DIR/initdb.log"
    fi

    # Durability is pointless for a throwaway test database, so turn it off.
    # The socket goes into SERVERS_DIR: the default (/var/run/postgresql) may not exist
    # or be writable.
    PG_OPTIONS="-F -k '$SERVERS_DIR' -c listen_addresses=127.0.0.1 -p $PG_PORT -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
    as_pg "$PG_CTL" -w -D "$PGDATA_DIR" -l "$SERVERS_DIR/postgres.log" -o "$PG_OPTIONS" start >/dev/null \
        || setup_failed "PostgreSQL did not start" "$SERVERS_DIR/postgres.log"

    servers_createdb casework_test

    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no --dir "$SERVERS_DIR" --logfile "$SERVERS_DIR/redis.log" &
    REDIS_PID=$!

    # Wait up to 10 seconds for Redis to answer.
    for _ in $(seq 100); do
        redis_ping && break
        kill -0 "$REDIS_PID" 2>/dev/null \
            || { REDIS_PID=""; setup_failed "redis-server exited during start-up" "$SERVERS_DIR/redis.log"; }
        sleep 0.1
    done
    redis_ping || setup_failed "redis-server did not answer PING within 10s" "$SERVERS_DIR/redis.log"

    # The fault tests stop, start and restart this PostgreSQL (`pg-ctl.sh stop|start|restart`), as
    # an operator or a crash would; the script runs pg_ctl as the user that owns the data.
    PG_CTL_SCRIPT="$SERVERS_DIR/pg-ctl.sh"
    {
        echo '#!/usr/bin/env bash'
        printf 'cd %q || exit 1\n' "$SERVERS_DIR"
        runner=""
        if [[ "$RUN_AS_ROOT" == true ]]; then
            runner="runuser -u postgres --"
        fi
        printf 'exec %s %q -D %q -l %q -o %q -m fast -w "$1"\n' "$runner" "$PG_CTL" "$PGDATA_DIR" \
            "$SERVERS_DIR/postgres.log" "$PG_OPTIONS"
    } >"$PG_CTL_SCRIPT"
    chmod +x "$PG_CTL_SCRIPT"

    # An S3-compatible object store in memory: moto's server mode.
    python -m moto.server -H 127.0.0.1 -p "$S3_PORT" >"$SERVERS_DIR/s3.log" 2>&1 &
    S3_PID=$!
    for _ in $(seq 150); do
        s3_ping && break
        kill -0 "$S3_PID" 2>/dev/null \
            || { S3_PID=""; setup_failed "the S3-compatible server exited during start-up" "$SERVERS_DIR/s3.log"; }
        sleep 0.1
    done
    s3_ping || setup_failed "the S3-compatible server did not answer within 15s" "$SERVERS_DIR/s3.log"

    startup_secs="$(python -c "print(f'{$(now) - $started_at:.1f}')")"
    echo "    PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT, S3 on 127.0.0.1:$S3_PORT (ready in ${startup_secs}s)"
}

# Stops whatever servers_start started and removes SERVERS_DIR. Safe to call at any point.
servers_stop() {
    if [[ -n "$REDIS_PID" ]]; then
        kill "$REDIS_PID" 2>/dev/null
        wait "$REDIS_PID" 2>/dev/null
        REDIS_PID=""
    fi
    if [[ -n "$S3_PID" ]]; then
        kill "$S3_PID" 2>/dev/null
        wait "$S3_PID" 2>/dev/null
        S3_PID=""
    fi
    if [[ -n "$PGDATA_DIR" && -f "$PGDATA_DIR/postmaster.pid" ]]; then
        # The data is thrown away, so no need for a clean shutdown.
        as_pg "$PG_CTL" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1
        if [[ -f "$PGDATA_DIR/postmaster.pid" ]]; then
            kill -KILL "$(head -n1 "$PGDATA_DIR/postmaster.pid")" 2>/dev/null
        fi
    fi
    if [[ -n "$SERVERS_DIR" ]]; then
        rm -rf "$SERVERS_DIR"
        SERVERS_DIR=""
    fi
    return 0
}
