"""`flask search reindex`: rebuild the whole search index (after an import, or a change of what is indexed)."""
from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from casework.extensions import db
from casework.search.indexing import reindex_all

search_cli = AppGroup("search", help="The full-text search index.")


@search_cli.command("reindex")
def reindex() -> None:
    """Write every search document again, in batches, in one transaction."""
    started = time.perf_counter()
    written = reindex_all(db.session)
    db.session.commit()
    summary = ", ".join(f"{kind}: {count}" for kind, count in written.items())
    click.echo(f"Indexed {summary} in {time.perf_counter() - started:.1f} s.")
