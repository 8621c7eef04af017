"""Search on a large installation: 200,000 cases across every module and 500,000 persons.

Builds its own data (benchmarks/search_data.py), the search index with the same code as
`flask search reindex`, then times a realistic mix of searches — full names, names without
accents, the start of a name, references, words of summaries, with and without filters — as a
CCPR case officer and as a secretariat-wide viewer, through `casework.search.search` (the query,
permission filter and count of the search page), and a few whole search pages. On the same data
it then times the key figures page for the last full year, as the secretariat viewer sees it
(key_figures_year_ms, key_figures_year_p95_ms; benchmarks/key_figures.py has more figures).

SQLite by default; set CASEWORK_DATABASE_URL to a PostgreSQL database to measure there (it is
emptied). BENCH_CASES and BENCH_PERSONS (2.5 a case unless given) scale the data;
BENCH_CASES=200000,1000000 prints both sizes side by side; BENCH_KEEP=1 keeps the database, and
what the timings need to know of it in a JSON file in /tmp, for the next run.
Run: python benchmarks/search.py
"""
from __future__ import annotations

import dataclasses
import json
import os
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from _support import (  # the repository on sys.path, the app, the timer, a server's state
    benchmark_app, count_tallies, figure, mark_built, median_ms, run_sizes, serving, settle_database,
    settle_like_a_server, sizes,
)
from key_figures import time_key_figures  # noqa: E402
from search_data import GIVEN, PASSWORD, PLACES, TOPICS, Dataset, build_dataset  # noqa: E402

from casework.auth.models import User  # noqa: E402
from casework.extensions import db  # noqa: E402
from casework.search import SearchFilters, search  # noqa: E402
from casework.search.backends import FILL_WORDS, create_full_text_index  # noqa: E402
from casework.search.indexing import reindex_all  # noqa: E402
from casework.search.text import fold_text  # noqa: E402

CASES = sizes("200000")[0]  # one_size sets the size measured
PERSONS = CASES * 5 // 2  # one_size sets it: BENCH_PERSONS, or 2.5 persons a case
QUERIES = int(os.environ.get("BENCH_QUERIES", "120"))  # per user
QUERY_KINDS = 11  # the kinds of query `query_mix` makes, in turn


def build() -> Dataset:
    """The data and its tallies (the key figures read them), then the index (timed separately),
    then fresh planner statistics."""
    data = build_dataset(CASES, PERSONS)
    count_tallies()
    with db.engine.begin() as connection:
        create_full_text_index(connection)
    started = time.perf_counter()
    written = reindex_all(db.session)
    db.session.commit()
    data.counts["reindex_s"] = round(time.perf_counter() - started, 1)
    data.counts["documents"] = sum(written.values())
    settle_database()
    return data


def query_mix(data: Dataset, n: int, rng: random.Random) -> list[tuple[str, SearchFilters]]:
    """What people type: names (with and without accents, or only their start), references, words."""
    today = date.today()
    makers = [
        lambda: (f"{rng.choice(GIVEN)} {rng.choice(data.family_names)}", SearchFilters()),
        lambda: (fold_text(rng.choice(data.family_names)), SearchFilters()),
        lambda: (rng.choice(data.family_names)[:4], SearchFilters()),
        lambda: (rng.choice(data.family_names), SearchFilters(kind="person")),
        lambda: (rng.choice(data.references), SearchFilters()),
        lambda: (rng.choice(TOPICS), SearchFilters()),
        lambda: (f"{rng.choice(TOPICS)} {rng.choice(TOPICS)}", SearchFilters()),
        lambda: (f"{rng.choice(TOPICS)} {rng.choice(PLACES)}", SearchFilters(module="communications")),
        lambda: (rng.choice(TOPICS), SearchFilters(state_id=rng.choice(data.state_ids))),
        lambda: (rng.choice(TOPICS), SearchFilters(date_from=today - timedelta(days=365), date_to=today)),
        lambda: (rng.choice(data.family_names), SearchFilters(module="urgent_actions", kind="case")),
    ]
    assert len(makers) == QUERY_KINDS
    return [makers[i % len(makers)]() for i in range(n)]


def time_searches(user, queries: list[tuple[str, SearchFilters]]) -> list[float]:
    samples = []
    for text, filters in queries:
        started = time.perf_counter()
        search(user, text, filters)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def kept_name(cases: int) -> str:
    """What BENCH_KEEP calls the data of `cases` cases (and BENCH_PERSONS persons): the name
    `benchmark_app` reuses it by, for this benchmark and the others timed on the same data."""
    global CASES, PERSONS
    CASES, PERSONS = cases, int(os.environ.get("BENCH_PERSONS", str(cases * 5 // 2)))
    return f"search-{cases}-{PERSONS}"


def dataset(app, kept: str) -> Dataset:
    """The data of the database `benchmark_app(kept)` opened: built (and, with BENCH_KEEP, kept
    with its facts), or read back from what an earlier run kept; its tallies counted."""
    data = kept_dataset(kept) if app.config["BENCH_REUSED"] else build()
    if app.config["BENCH_REUSED"]:
        _words_of_an_older_index()
    if os.environ.get("BENCH_KEEP") and not app.config["BENCH_REUSED"]:
        _kept_facts(kept).write_text(json.dumps(dataclasses.asdict(data)))
        mark_built(kept)
    count_tallies(every=False)
    return data


def _words_of_an_older_index() -> None:
    """A database kept before PostgreSQL's index kept its words apart (`search_words`) gets them,
    from its documents: without them, every search of several words would find nothing."""
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql" and \
                connection.exec_driver_sql("SELECT to_regclass('search_words')").scalar() is None:
            create_full_text_index(connection)
            connection.exec_driver_sql(FILL_WORDS)


def one_size(cases: int) -> None:
    kept = kept_name(cases)
    with benchmark_app(kept) as app:
        started = time.perf_counter()
        data = dataset(app, kept)
        settle_like_a_server()
        print(f"database: {db.engine.dialect.name}")
        for name, count in data.counts.items():
            print(f"{name}: {count}")
        print(f"build_s: {time.perf_counter() - started:.1f}")
        rng = random.Random(11)
        everyone: list[float] = []
        for label, user_id in (("officer", data.officer_id), ("secretariat", data.secretariat_id)):
            user = db.session.get(User, user_id)
            queries = query_mix(data, QUERIES, rng)
            # Warm the caches as a running server has them: one query of each kind, so that each
            # kind's statements are compiled before they are timed (the first ten left one out).
            time_searches(user, queries[:QUERY_KINDS])
            samples = time_searches(user, queries)
            everyone += samples
            figure(f"search_{label}_p95_ms", p95(samples))
            figure(f"search_{label}_median_ms", statistics.median(samples))
            figure(f"search_{label}_max_ms", max(samples))
        figure("search_p95_ms", p95(everyone))
        figure("search_median_ms", statistics.median(everyone))
        with serving():  # each request in its own app context, as in a server
            time_pages(app, fold_text(data.family_names[len(data.family_names) // 2]))


def kept_dataset(kept: str) -> Dataset:
    """What the timings need to know of a database BENCH_KEEP kept."""
    return Dataset(**json.loads(_kept_facts(kept).read_text()))


def _kept_facts(kept: str) -> Path:
    return Path(f"/tmp/bench-{kept}-{db.engine.dialect.name}.json")


def time_pages(app, name: str) -> None:
    """A search page and the key figures page of the last full year, as the secretariat viewer."""
    client = app.test_client()
    client.post("/login", data={"email": "secretariat@example.org", "password": PASSWORD})

    def page() -> None:
        assert client.get(f"/search/?q={name}").status_code == 200

    figure("search_page_median_ms", median_ms(page))
    time_key_figures(client, date.today().year - 1, repeat=1)  # the charts drawn once, as a server keeps them
    figures = sorted(time_key_figures(client, date.today().year - 1))
    figure("key_figures_year_ms", statistics.median(figures))
    figure("key_figures_year_p95_ms", figures[-2])


def main() -> None:
    run_sizes("200000", one_size)


if __name__ == "__main__":
    main()
