#!/usr/bin/env bash
# Run Casework locally: set up .venv, migrate the database, load reference and
# demo data, then start the development server.
#
#     bash scripts/dev.sh            # http://127.0.0.1:5000
#     PORT=8000 bash scripts/dev.sh
#
# Needs no configuration: by default the app uses SQLite in ./instance and an
# in-process job queue.
set -euo pipefail

# shellcheck source=scripts/_bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"

echo "==> Applying database migrations"
flask db upgrade

# Both seed commands are idempotent, so re-running dev.sh is safe.
echo "==> Loading reference data"
flask seed reference

echo "==> Loading demo data"
flask seed demo   # prints the demo logins

exec flask run --host 127.0.0.1 --port "${PORT:-5000}"
