"""Every module's list on a large installation: the data of benchmarks/search.py (200,000 cases
across the modules and 500,000 persons unless BENCH_CASES says otherwise), through the app.

For each list, as the secretariat-wide viewer (who sees every unit's records but the confidential
ones), and for the communications also as a CCPR case officer: the first page as the list opens,
the list filtered and sorted, page 100 as an address typed in (OFFSET), and page 100 reached by
"Next" from page 99 (the link carries the last row's key). Prints the median, the 95th
percentile and the CPU time of this process for each, in milliseconds.

SQLite by default; set BENCH_DATABASE_URL to a PostgreSQL database to measure there (it is
emptied). BENCH_CASES=200000,1000000 prints both sizes side by side with the ratio; BENCH_KEEP=1
keeps the data (the same kept data as benchmarks/search.py). Run: python benchmarks/lists.py
"""
from __future__ import annotations

import html
import re

from _support import benchmark_app, figure, run_sizes, serving, settle_like_a_server, timings
from search import dataset, kept_name  # noqa: E402
from search_data import PASSWORD  # noqa: E402

from casework.core.units import Unit  # noqa: E402
from casework.extensions import db  # noqa: E402

DEEP = 100  # the page typed in and reached by "Next": there at 200,000 cases for every list timed
# Each page timed this many times: its 95th percentile is then the sixth slowest, where of 30
# it was the second slowest, which one pause of the machine decided.
REPEAT = 100

# Each list: who reads it, its address, and its query filtered and sorted. "{state}" is a State
# with records in every list, "{ccpr}" the CCPR's unit.
LISTS = {
    "communications": ("secretariat", "/communications/", "state={state}&sort=received&dir=desc"),
    "communications_ccpr": ("officer", "/communications/", "committee={ccpr}&status=transmitted&sort=registered&dir=desc"),
    "urgent_actions": ("secretariat", "/urgent-actions/", "state={state}&sort=registered&dir=desc"),
    "sp_communications": ("secretariat", "/special-procedures/", "state={state}&sort=sent&dir=desc"),
    "sp_public_register": ("secretariat", "/special-procedures/public/", "state={state}"),
    "letters": ("secretariat", "/letters/", "status=sent&sort=reference&dir=asc"),
    "visits": ("secretariat", "/detention/", "status=final&sort=number&dir=asc"),
    "persons": ("secretariat", "/persons/", "sort=registered&dir=desc"),
}


def pages(client, path: str, filtered: str) -> dict[str, str]:
    """The addresses timed for one list, the deep page by "Next" as page 99 links to it."""
    deep = f"{path}?page={DEEP}"
    before = client.get(f"{path}?page={DEEP - 1}").get_data(as_text=True)
    following = re.search(rf'href="([^"]*page={DEEP}[^"]*)"', before)
    assert following, f"{path} has no page {DEEP}"
    return {"first": path, "filtered": f"{path}?{filtered}", "deep": deep, "by_next": html.unescape(following[1])}


def one_size(cases: int) -> None:
    kept = kept_name(cases)
    with benchmark_app(kept) as app:
        data = dataset(app, kept)
        ccpr = db.session.scalar(db.select(Unit.id).where(Unit.code == "CCPR"))
        settle_like_a_server()
        print(f"database: {db.engine.dialect.name}")
        print(f"cases: {cases}")
        with serving():
            clients = {}
            for who in ("secretariat", "officer"):
                clients[who] = app.test_client()
                clients[who].post("/login", data={"email": f"{who}@example.org", "password": PASSWORD})
            for name, (who, path, filtered) in LISTS.items():
                client = clients[who]
                for which, url in pages(client, path, filtered.format(state=data.state_ids[0], ccpr=ccpr)).items():
                    response = client.get(url)
                    assert response.status_code == 200, (url, response.status_code)
                    median, p95, cpu = timings(lambda: client.get(url), REPEAT)
                    figure(f"{name}_{which}_median_ms", median)
                    figure(f"{name}_{which}_p95_ms", p95)
                    figure(f"{name}_{which}_cpu_ms", cpu)


def main() -> None:
    run_sizes("200000", one_size)


if __name__ == "__main__":
    main()
