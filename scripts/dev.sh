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

# Letters in Arabic and Chinese need Debian's Noto fonts; HarfBuzz's subsetter keeps PDFs fast.
# (grep without -q reads all of fc-list's output, so pipefail never sees a SIGPIPE.)
if ! fc-list : family 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null; then
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "==> Installing fonts for letters: fonts-noto-core fonts-noto-cjk libharfbuzz-subset0"
        if ! { apt-get -qq -o DPkg::Lock::Timeout=120 update &&
               DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=120 install -y \
                   --no-install-recommends fonts-noto-core fonts-noto-cjk libharfbuzz-subset0; } \
                </dev/null >/dev/null; then
            echo "warning: could not install the fonts; Arabic and Chinese letters will print badly" >&2
        fi
    else
        echo "note: Arabic and Chinese letters need fonts-noto-core, fonts-noto-cjk and libharfbuzz-subset0 (apt-get install)"
    fi
fi

echo "==> Compiling the translations"
pybabel -q compile -d translations

echo "==> Applying database migrations"
flask db upgrade

# Both seed commands are idempotent, so re-running dev.sh is safe.
echo "==> Loading reference data"
flask seed reference

echo "==> Loading demo data"
flask seed demo   # prints the demo logins

exec flask run --host 127.0.0.1 --port "${PORT:-5000}"
