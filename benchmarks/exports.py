"""Exports of a long list: the count that decides between a download and a job, a download at the
threshold, and the rows per second a background job writes.

Builds the communications of benchmarks/communications.py (BENCH_CASES, 50,000 by default here)
and, as a CCPR case officer:

    count_ms              counting the CCPR list through its query (done before every export)
    download_csv_ms       a whole request exporting one stage of the CCPR list (about 2,000 rows at
                          50,000 cases, the default threshold) as CSV
    download_xlsx_ms      the same as XLSX
    job_csv_rows_per_s    a background job writing every CCPR communication to a CSV file
    job_xlsx_rows_per_s   the same as XLSX

SQLite by default; set CASEWORK_DATABASE_URL to a PostgreSQL database to measure there (it is
emptied). Run: python benchmarks/exports.py
"""
from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("BENCH_CASES", "50000")

from _support import benchmark_app, median_ms  # noqa: E402 — the repository on sys.path, the app, the timer
from communications import CASES, PASSWORD, build  # noqa: E402
from sqlalchemy import select  # noqa: E402
from werkzeug.datastructures import MultiDict  # noqa: E402

from casework.auth.models import User  # noqa: E402
from casework.core.units import Unit  # noqa: E402
from casework.exports.operations import count_rows, write_export  # noqa: E402
from casework.exports.registry import get_list  # noqa: E402
from casework.extensions import db  # noqa: E402


def job_rows_per_s(officer: User, args: MultiDict, fmt: str) -> tuple[int, float]:
    exportable = get_list("communications")
    with tempfile.TemporaryFile("w+" if fmt == "csv" else "w+b") as out:
        started = time.perf_counter()
        rows = write_export(exportable, officer, args, fmt, out, progress=lambda done: db.session.commit())
        return rows, rows / (time.perf_counter() - started)


def main() -> None:
    with benchmark_app() as app:
        build()
        print(f"database: {db.engine.dialect.name}")
        print(f"communications: {CASES}")
        exportable = get_list("communications")
        ccpr = db.session.scalar(select(Unit.id).where(Unit.code == "CCPR"))
        officer = db.session.scalar(select(User).where(User.email == "officer@example.org"))
        everything = MultiDict({"committee": str(ccpr), "sort": "received", "dir": "desc"})
        one_stage = MultiDict({**everything, "status": "transmitted"})
        print(f"count_ms: {median_ms(lambda: count_rows(exportable, officer, everything)):.1f}")
        app.config["EXPORT_ROW_THRESHOLD"] = 10**9  # time the download itself, whatever the list's length
        client = app.test_client()
        client.post("/login", data={"email": "officer@example.org", "password": PASSWORD})
        print(f"download_rows: {count_rows(exportable, officer, one_stage)}")
        for fmt in ("csv", "xlsx"):
            def download() -> None:
                response = client.post(f"/exports/communications/{fmt}", data=one_stage)
                assert response.status_code == 200, response.status_code

            print(f"download_{fmt}_ms: {median_ms(download, repeat=5):.1f}")
        for fmt in ("csv", "xlsx"):
            rows, rate = job_rows_per_s(officer, everything, fmt)
            print(f"job_{fmt}_rows: {rows}")
            print(f"job_{fmt}_rows_per_s: {rate:.0f}")


if __name__ == "__main__":
    main()
