# shellcheck shell=bash
# Common set-up for the scripts in this directory. Source it, don't run it:
#
#     source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"
#
# After sourcing, the current directory is the repository root, a virtualenv
# in .venv holds the project (editable) and its test dependencies, .venv/bin
# is first on PATH and FLASK_APP is set.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT
cd "$REPO_ROOT"

VENV_DIR="$REPO_ROOT/.venv"
# Holds the sha256 of the pyproject.toml the venv was last installed from, so
# that repeated runs skip pip entirely unless the dependencies changed.
INSTALL_STAMP="$VENV_DIR/.casework-installed"

if [[ ! -x "$VENV_DIR/bin/python" ]]; then
    if ! command -v python3 >/dev/null 2>&1; then
        echo "error: python3 not found; install Python 3.11 or newer" >&2
        exit 1
    fi
    echo "==> Creating virtualenv in .venv"
    if ! python3 -m venv "$VENV_DIR"; then
        echo "error: 'python3 -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2
        # Don't leave a half-built venv behind: the next run would skip creation.
        rm -rf "$VENV_DIR"
        exit 1
    fi
fi

pyproject_sha="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [[ ! -f "$INSTALL_STAMP" || "$(cat "$INSTALL_STAMP")" != "$pyproject_sha" ]]; then
    echo "==> Installing casework and its dependencies into .venv"
    # -q hides progress chatter but pip still prints warnings and errors.
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV_DIR/bin/pip" install -q -e '.[test]'
    # Written only after a successful install (set -e), so a failed or
    # interrupted install is retried next time.
    echo "$pyproject_sha" > "$INSTALL_STAMP"
fi
unset pyproject_sha

export PATH="$VENV_DIR/bin:$PATH"
export FLASK_APP=wsgi.py
