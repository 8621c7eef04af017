#!/usr/bin/env bash
# The cluster check: two gunicorn web nodes, two `rq worker` processes and the scheduler against
# one PostgreSQL, one Redis and one S3-compatible store, driven over HTTP by
# scripts/cluster_check.py (what it checks is described there). Prints `name: value` lines and
# exits non-zero if any check fails.
#
#     bash scripts/cluster-check.sh
#
# It starts throwaway servers on loopback (scripts/_servers.sh), or uses the ones it is given:
# CLUSTER_DATABASE_URL (an empty PostgreSQL database), CLUSTER_REDIS_URL and CLUSTER_S3_URL,
# as scripts/test.sh does after its servers pass. Every process it starts is stopped on exit.
set -euo pipefail

# shellcheck source=scripts/_bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"

if [[ -n "${CLUSTER_DATABASE_URL:-}" && -n "${CLUSTER_REDIS_URL:-}" && -n "${CLUSTER_S3_URL:-}" ]]; then
    exec python scripts/cluster_check.py
fi

# shellcheck source=scripts/_servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/_servers.sh"

servers_find
if (( ${#SERVERS_MISSING[@]} > 0 )); then
    echo "error: the cluster check needs servers that are not installed: $(servers_missing_list)" >&2
    echo "error: install them with: $SERVERS_INSTALL_HINT" >&2
    exit 1
fi

# shellcheck disable=SC2329  # invoked by the EXIT trap
cleanup() {
    local rc=$?
    set +e
    servers_stop
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

setup_failed() {
    echo "error: $1" >&2
    if [[ -n "${2:-}" && -f "$2" ]]; then
        echo "---- $2 ----" >&2
        tail -n 40 "$2" >&2
        echo "----" >&2
    fi
    exit 1
}

servers_start
servers_createdb casework_cluster
CLUSTER_DATABASE_URL="postgresql+psycopg://casework@127.0.0.1:$PG_PORT/casework_cluster" \
    CLUSTER_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" \
    CLUSTER_S3_URL="http://127.0.0.1:$S3_PORT" \
    python scripts/cluster_check.py
