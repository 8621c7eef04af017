"""`flask seed demo` on the embedded job queue: the demo starts with every job it queued done, and
with the counts the figures read in step with its cases."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from casework.core.jobs import JobRecord, JobStatus
from casework.core.tallies import differences, registered_tallies
from casework.extensions import db


def test_the_demo_starts_with_every_job_done_none_left_to_a_worker_of_the_command(app):
    mode = app.config["JOB_QUEUE_MODE"]
    app.config["JOB_QUEUE_MODE"] = "thread"  # the embedded default `flask seed demo` runs with
    try:
        result = app.test_cli_runner().invoke(args=["seed", "demo"])
    finally:
        app.config["JOB_QUEUE_MODE"] = mode

    assert result.exit_code == 0, result.output
    statuses = Counter(db.session.scalars(select(JobRecord.status)))
    assert statuses[JobStatus.DONE] > 0 and set(statuses) == {JobStatus.DONE}, statuses
    # Every tally, after thousands of records written as a caseworker writes them.
    assert {name: differences(name) for name in registered_tallies()} == {name: {} for name in registered_tallies()}
