"""Every form and every list's query, as every kind of account, with hostile values: never a 500.

Each account crawls its own copy of the demo site with the crawler (tests/crawl.py) and, instead of
pressing each kind of button as drawn, sends a few hypothesis-made variants of its form: one or
more fields replaced by a hostile value (NUL and other control characters, bidi marks, very long
text, SQL and HTML metacharacters, bytes that are not UTF-8, numbers beyond 64 bits, impossible
dates) while the CSRF token and the hidden `version`/`once` fields stay as drawn. The query
strings of the lists it visits are fuzzed the same way.

What a person must never meet: a server error; a refusal (400/409/422) that does not draw the form
again; a refusal that wrote something (the tables' row counts are compared around every refused
submission; the audit trail, sessions and saved drafts may grow). The variants are derandomized
(hypothesis starts from the same seed every run); what a variant meets still depends on what earlier
accepted ones changed. The figures are printed at the end of the run.

Bounds: each account visits two records of each kind and one page of each list; a form is one kind
wherever it is drawn; the first account offered a kind of form sends EXAMPLES variants, later ones
AGAIN. Both passes of scripts/test.sh run it: on SQLite, and on PostgreSQL in the servers pass.
"""
from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, make_url, text

from casework.demo import DEMO_PASSWORD
from casework.extensions import db
from tests.conftest import POSTGRES_URL
from tests.crawl import HTML, PARSER, Crawler, Finding, Submission, shape
from tests.demo_site import DemoSite, build_demo, demo_app
from tests.test_crawler import ANONYMOUS, START

pytestmark = pytest.mark.crawler

EXAMPLES = 3            # variants of each kind of form and of each list's query, for the first account offered it
AGAIN = 1               # variants for each later account offered the same kind of form
FIELDS_AT_ONCE = 3      # fields replaced in one variant, at most
KEPT = {"csrf_token", "version", "once"}  # sent as drawn: without them every variant is refused early
MAY_GROW = {"audit_events", "user_sessions", "form_drafts"}
REDRAWN = (400, 409, 422)  # refusals that must show the form again, with what was typed
# One account of each kind, and the modules' officers, whose forms differ; those who see most come
# last, when most of their forms have had their variants (see AGAIN).
ROLES = [
    ANONYMOUS,
    "ccpr.viewer@ohchr.example.org",
    "ccpr.officer@ohchr.example.org",
    "ced.officer@ohchr.example.org",
    "sp.officer@ohchr.example.org",
    "reprisals.officer@ohchr.example.org",
    "wg.officer@ohchr.example.org",
    "field.officer@ohchr.example.org",
    "sr-executions.holder@ohchr.example.org",
    "ccpr.supervisor@ohchr.example.org",
    "chief@ohchr.example.org",
    "auditor@ohchr.example.org",
    "admin@ohchr.example.org",
]

# Hostile values ---------------------------------------------------------------------------------

CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufeff", "\ufffe", "\r", "\t"]
BIDI = ["\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200e", "\u061c", "\u200b"]
META = ["'", '"', "--", ";", "%", "_", "\\", "' OR '1'='1", "'); DROP TABLE cases;--", "<script>alert(1)</script>",
        "<b>x</b>", "&amp;", "&#0;", "{{ 7*7 }}", "${7*7}", "%(x)s", "{0}", "../../etc/passwd", "%00", "\\x00", "*"]
LONG = ["A" * 10_000, "é" * 70_000, "\U0001d54f" * 20_000, "x" * 60_000]  # beyond SQLite's longest LIKE pattern
NUMBERS = ["0", "-1", "-0", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808",
           "18446744073709551616", "-9223372036854775809", "1" + "0" * 400, "1e309", "NaN", "inf", "1.5", " 7 ",
           "0x10", "1_000", "\u0663", "\uff17"]
DATES = ["9999-12-31", "0001-01-01", "2026-02-30", "yesterday", "0000-00-00", "2026-13-01", "10000-01-01",
         "-2026-01-01", "1900-02-29", "31/12/2026", "2026-1-1", "2026-01-01T25:00", "99999999", "0018-01-01"]
# What a browser sends when the page is read in another encoding: bytes that are not UTF-8, among them
# a lone surrogate encoded as UTF-8 would encode it (the client cannot send the surrogate itself).
NOT_UTF8 = [b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\x80", b"abc\x80"]

PIECE = st.one_of(st.sampled_from(CONTROL), st.sampled_from(BIDI), st.sampled_from(META),
                  st.text(st.characters(exclude_characters="["), max_size=8))  # "['" reads as a Python list
HOSTILE_TEXT = st.one_of(
    st.lists(PIECE, min_size=1, max_size=6).map("".join),
    st.tuples(st.sampled_from(["Case ", "Mexico", "Ana", "2026-01-15"]), st.sampled_from(CONTROL + BIDI + META))
    .map("".join),  # an ordinary value with one hostile character: it passes the other checks
    st.sampled_from(LONG),
)
HUGE = st.one_of(st.sampled_from(NUMBERS), st.integers(min_value=2**63, max_value=2**256).map(str),
                 st.integers(min_value=-(2**256), max_value=-1).map(str))
IMPOSSIBLE_DATE = st.sampled_from(DATES)
ANY_HOSTILE = st.one_of(HOSTILE_TEXT, HUGE, IMPOSSIBLE_DATE, st.sampled_from(NOT_UTF8))
DATE_LIKE = re.compile(r"date|_on$|_at$|from|until|since|born|year|deadline|seen|received", re.I)
NUMBER_LIKE = re.compile(r"_id$|^id$|ids?$|state|group|unit|page|count|number|year|officer|person|^-?\d+$", re.I)


def hostile(name: str, drawn: str) -> st.SearchStrategy:
    """A hostile value for the field `name`, drawn as `drawn`: of its own kind first, then of any."""
    if DATE_LIKE.search(name) or re.fullmatch(r"\d{4}-\d\d-\d\d", drawn):
        return st.one_of(IMPOSSIBLE_DATE, HUGE, ANY_HOSTILE)
    if NUMBER_LIKE.search(name) or NUMBER_LIKE.search(drawn):
        return st.one_of(HUGE, ANY_HOSTILE)
    return ANY_HOSTILE


# The fuzz ---------------------------------------------------------------------------------------

@dataclass
class FuzzFigures:
    forms: int = 0              # kinds of form fuzzed
    lists: int = 0              # kinds of list whose query string was fuzzed
    form_examples: int = 0
    list_examples: int = 0
    refused: int = 0
    statuses: Counter = field(default_factory=Counter)  # "POST 422" → how many answers
    server_errors: int = 0
    half_written: int = 0
    findings: list[Finding] = field(default_factory=list)


def form_kind(submission: Submission) -> tuple:
    """The same form wherever it is drawn (a search box in every page's header, an export button under
    every filtered list, are one form each): where it goes, and with which button."""
    return submission.method, shape(submission.target).split("?")[0], submission.label


def row_counts(app) -> dict[str, int]:
    """The number of rows of every table a refused submission must leave alone."""
    with app.app_context():
        tables = [t.name for t in db.metadata.sorted_tables if t.name not in MAY_GROW]
        query = " UNION ALL ".join(f"SELECT '{name}', COUNT(*) FROM {name}" for name in tables)
        with db.engine.connect() as connection:
            return {name: count for name, count in connection.execute(text(query))}


def shown(value: str | bytes) -> str:
    """A value short enough for a report line."""
    return repr(value) if len(value) <= 40 else f"{value[:12]!r}…×{len(value)}"


def shortened(url: str) -> str:
    return url if len(url) <= 160 else f"{url[:150]}…"


class Fuzzer(Crawler):
    """A crawler that sends hostile variants of each kind of form instead of the form as drawn."""

    def __init__(self, app, role: str, email: str | None, password: str, totp_secret: str | None) -> None:
        super().__init__(app, role, email, password, totp_secret)
        self.app = app
        self.records, self.query_variants, self.submissions = 2, 1, 1  # one form of each kind is enough
        self.every_new_record = False
        self.figures = FuzzFigures()
        self.fuzzed: set[tuple] = set()

    def crawl(self, start: list[str]) -> FuzzFigures:
        super().crawl(start)
        lists = {urlsplit(url).path: url for url in sorted(self.seen, reverse=True) if "?" in url}
        for url in lists.values():
            parts = urlsplit(url)
            self.press(Submission(url, "GET", parts.path, "", tuple(parse_qsl(parts.query, keep_blank_values=True)),
                                  (), False))
        # Pages read between the presses: one that a hostile value, once saved, breaks is a server error too.
        self.figures.server_errors += sum(finding.status >= 500 for finding in self.counts.findings)
        self.figures.findings += [finding for finding in self.counts.findings if finding.status >= 500]
        return self.figures

    def press(self, submission: Submission) -> None:
        if (key := form_kind(submission)) in self.fuzzed:
            return
        self.fuzzed.add(key)
        self.fuzz(submission)

    def fuzz(self, submission: Submission) -> None:
        drawn = dict(submission.fields[::-1])  # the first value of each name
        names = sorted(name for name in drawn if name not in KEPT)
        if not names:
            return  # a button alone (its form holds only the CSRF token): nothing to vary
        if submission.method == "GET":
            self.figures.lists += 1
        else:
            self.figures.forms += 1

        examples = AGAIN if form_kind(submission) in FUZZED else EXAMPLES
        FUZZED.add(form_kind(submission))

        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(st.data())
        def variants(data: st.DataObject) -> None:
            chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=FIELDS_AT_ONCE, unique=True))
            self.send_variant(submission, {name: data.draw(hostile(name, drawn[name]), label=name) for name in chosen})

        variants()

    def send_variant(self, submission: Submission, values: dict[str, str | bytes]) -> None:
        fields, replaced = [], set()
        for name, value in submission.fields:
            if name not in values:
                fields.append((name, value))
            elif name not in replaced:
                fields.append((name, values[name]))
                replaced.add(name)
        variant = replace(submission, fields=tuple(fields))
        posting = submission.method != "GET"
        if posting:
            self.figures.form_examples += 1
        else:
            self.figures.list_examples += 1
        before = row_counts(self.app) if posting else None
        known = len(self.counts.findings)
        response = self.send(variant)
        what = ", ".join(f"{name}={shown(value)}" for name, value in values.items())
        met = self.counts.findings[known:]
        del self.counts.findings[known:]
        for finding in met:
            self.figures.server_errors += finding.status >= 500
            self.figures.findings.append(replace(finding, url=shortened(finding.url),
                                                 detail=f"{what} | {finding.detail}".strip(" |")))
        if response is None:  # an exception (a finding), or sent to sign in again
            status, redirected = (500, False) if met else (302, True)
        else:
            status = response.status_int
            # Redirected: the submission was accepted (the page it led to was checked); else refused or failed.
            redirected = response.request.method != submission.method
        self.figures.statuses[f"{submission.method} {'3xx→' if redirected else ''}{status}"] += 1
        refused = not redirected and status >= 400
        if not refused:
            return
        self.figures.refused += 1
        url = shortened(submission.query_url if not posting else submission.target)
        if response is not None and status in REDRAWN and posting and not self.redraws_form(response):
            self.figures.findings.append(Finding(self.role, "form not drawn again", submission.method, url, status,
                                                 what))
        if posting and (changed := self.changed(before, row_counts(self.app))):
            self.figures.half_written += 1
            self.figures.findings.append(Finding(self.role, "half-written record", submission.method, url, status,
                                                 f"{what} | {changed}"))

    @staticmethod
    def redraws_form(response) -> bool:
        if HTML not in response.content_type:
            return False
        page = BeautifulSoup(response.text, PARSER)
        return any((form.get("method") or "get").lower() == "post" for form in page.find_all("form"))

    @staticmethod
    def changed(before: dict[str, int], after: dict[str, int]) -> str:
        return ", ".join(f"{name} {before.get(name, 0)}→{count}" for name, count in after.items()
                         if count != before.get(name, 0))


RESULTS: dict[str, FuzzFigures] = {}
FUZZED: set[tuple] = set()  # kinds of form some account has fuzzed: later accounts send fewer variants


def deduplicated(findings: list[Finding]) -> list[str]:
    """One line per problem, kind of page and error (values and numbers left out), with how often it was met."""
    kinds: Counter[tuple] = Counter()
    first: dict[tuple, Finding] = {}
    for finding in findings:
        error = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", finding.detail.rsplit(" | ", 1)[-1])
        key = (finding.what, finding.method, shape(finding.url).split("?")[0], finding.status, error)
        kinds[key] += 1
        first.setdefault(key, finding)
    return [f"{kinds[key]}× {first[key]}" for key in kinds]


@pytest.fixture(scope="module")
def fuzz_site(request, tmp_path_factory):
    """A fresh demo site for each account: on SQLite, or on PostgreSQL in the pass that has one, where
    text with a NUL or a number beyond 64 bits meets the server's own rules."""
    if not POSTGRES_URL:
        demo_site = request.getfixturevalue("demo_site")
        yield lambda role: demo_site(f"fuzz-{role}")
        return
    server = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    base = make_url(POSTGRES_URL)
    made: list[tuple[str, DemoSite]] = []

    def url(name: str) -> str:
        return base.set(database=name).render_as_string(hide_password=False)

    def recreate(name: str, template: str | None = None) -> None:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))

    origin_name = f"{base.database}_fuzz"
    origin = tmp_path_factory.mktemp("fuzz-demo")
    recreate(origin_name)
    secrets = build_demo(origin, url(origin_name))

    def copy(role: str) -> DemoSite:
        name = f"{origin_name}_{len(made)}"
        recreate(name, origin_name)
        folder = tmp_path_factory.mktemp(f"fuzz-{role}".split("@")[0])
        shutil.copytree(origin / "uploads", folder / "uploads", dirs_exist_ok=True)
        made.append((name, site := DemoSite(demo_app(folder, url(name)), folder, secrets)))
        return site

    yield copy
    for name, site in made:
        with site.app.app_context():
            db.engine.dispose()
    with server.connect() as connection:
        for name in [origin_name] + [name for name, _site in made]:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_in_every_form_and_list_are_refused_cleanly(fuzz_site, role):
    site = fuzz_site(role)
    email = None if role == ANONYMOUS else role
    fuzzer = Fuzzer(site.app, role, email, DEMO_PASSWORD, site.totp_secrets.get(email) if email else None)
    figures = fuzzer.crawl(START)
    RESULTS[role] = figures
    assert figures.form_examples + figures.list_examples > 0
    assert not figures.findings, "\n".join(deduplicated(figures.findings))


def summary(results: dict[str, FuzzFigures]) -> str:
    """The figures of the run, for the terminal summary."""
    figures = list(results.values())
    total = sum((f.statuses for f in figures), Counter())
    return (f"fuzz: {len(figures)} accounts; {sum(f.forms for f in figures)} forms (account × kind of form) sent "
            f"{sum(f.form_examples for f in figures)} hostile submissions; {sum(f.lists for f in figures)} lists "
            f"(account × list) sent {sum(f.list_examples for f in figures)} hostile queries; "
            f"{sum(f.refused for f in figures)} refused; "
            f"{sum(f.server_errors for f in figures)} server errors, {sum(f.half_written for f in figures)} "
            f"half-written records, {sum(len(f.findings) for f in figures)} findings; answers: "
            + ", ".join(f"{status}×{count}" for status, count in sorted(total.items())))
