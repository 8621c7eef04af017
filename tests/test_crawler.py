"""Every demo account uses every page it can reach and presses every button, as the page draws it.

Each account crawls its own copy of the demo site (tests/demo_site.py). The accounts, and the
record pages visited beyond each account's sample, are shared between the two passes of
scripts/test.sh, which run side by side, so the crawl costs half as long; a run of pytest on its
own crawls them all. The counts are printed at the end of the run.
"""
from __future__ import annotations

import pytest

from casework.demo import ACCOUNTS, DEMO_PASSWORD
from tests.crawl import Crawler, CrawlCounts, first_of_each_kind
from tests.demo_site import this_pass, this_pass_record

pytestmark = pytest.mark.crawler

ANONYMOUS = "anonymous"
START = ["/", "/special-procedures/public/"]
HOLDER_DOMAIN = ".holder@ohchr.example.org"
# Accounts the modules' demo data adds to the shared ones (casework.demo.ACCOUNTS); one mandate
# holder stands for all of them.
MODULE_ACCOUNTS = [
    "head.colombia@ohchr.example.org", "mexico.officer@ohchr.example.org",
    "wg.officer@ohchr.example.org", "wg.supervisor@ohchr.example.org",
    "sr-executions.holder@ohchr.example.org", "reprisals.supervisor@ohchr.example.org",
]
ROLES = [ANONYMOUS] + [email for email, *_ in ACCOUNTS] + MODULE_ACCOUNTS
MINE = this_pass(ROLES)
RESULTS: dict[str, CrawlCounts] = {}
COVERED: set[str] = set()  # record pages visited by an earlier account: later ones visit a sample


def test_every_demo_account_is_crawled(demo_site):
    """A demo account added later is crawled too: this list names every account the demo creates."""
    accounts = demo_site("list").totp_secrets

    def besides_holders(emails) -> set[str]:
        return {email for email in emails if not email.endswith(HOLDER_DOMAIN)}

    assert besides_holders(accounts) == besides_holders(ROLES[1:])
    assert set(ROLES[1:]) <= set(accounts)


@pytest.mark.parametrize("role", MINE)
def test_every_page_and_form_works_as_drawn(demo_site, role):
    site = demo_site(role)
    email = None if role == ANONYMOUS else role
    crawler = Crawler(site.app, role, email, DEMO_PASSWORD, site.totp_secrets.get(email) if email else None,
                      COVERED, this_pass_record)
    counts = crawler.crawl(START)  # outside an app context: each request has its own, as on a server
    RESULTS[role] = counts
    assert counts.pages > 0
    assert not counts.findings, "\n".join(map(str, first_of_each_kind(counts.findings)))
