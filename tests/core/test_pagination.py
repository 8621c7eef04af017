"""Lists on a large installation: a bounded count that stays truthful, and keyset pages.

Through the committee list as a reader uses it: the count it states, and the pages it reaches by
following "Next".
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from casework.extensions import db
from tests.communications.conftest import client_for, committee, make_communication, states
from tests.pages import link, rows_by_next, rows_by_number, text

FIXTURES = (client_for, committee, make_communication, states)  # the committee list's, used here by name


@pytest.fixture
def received(make_communication):
    """Five communications received on five days, newest last, each with its own author."""
    def make(count: int = 5, same_day: bool = False):
        return [make_communication(author=(f"Author{i}", "Ana"),
                                   received_on=date(2026, 3, 2) + timedelta(days=0 if same_day else i))
                for i in range(count)]
    return make


def _hide(communication) -> None:
    """Confidential and assigned to nobody: only its unit's officers with an assignment would see it."""
    communication.confidential = True
    db.session.commit()


def _authors(response) -> list[str]:
    return [found.capitalize() for found in re.findall(r"(?i)author\d+", text(response))]


def _count(response) -> str:
    return re.search(r'class="count">([^<]*)<', response.get_data(as_text=True))[1]


def test_a_count_past_its_bound_says_more_than_and_the_list_still_pages(app, received, users, client_for,
                                                                       monkeypatch):
    monkeypatch.setitem(app.config, "COUNT_BOUND", 3)
    received(4)
    page = client_for(users["viewer"]).get("/communications/")
    assert _count(page) == "More than 3 communications"
    assert len(_authors(page)) == 4


def test_the_bounded_count_never_counts_what_the_reader_may_not_see(app, received, users, client_for,
                                                                   monkeypatch):
    monkeypatch.setitem(app.config, "COUNT_BOUND", 3)
    made = received(5)
    _hide(made[0])
    _hide(made[1])
    page = client_for(users["viewer"]).get("/communications/")
    assert _count(page) == "3 communications"  # exact: the two confidential ones are not "more"
    assert sorted(_authors(page)) == ["Author2", "Author3", "Author4"]


@pytest.mark.parametrize("same_day", [False, True], ids=["distinct dates", "one date for all"])
def test_following_next_reaches_every_row_once_in_order(app, received, users, client_for, monkeypatch, same_day):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    monkeypatch.setitem(app.config, "COUNT_BOUND", 2)  # past the bound: pages are counted by "Next"
    received(5, same_day=same_day)
    client = client_for(users["viewer"])
    page = client.get("/communications/?sort=received&dir=desc")
    seen = _authors(page)
    while (following := link(page, "Next →")) is not None:
        assert "after" in parse_qs(urlsplit(following).query)
        page = client.get(following)
        seen += _authors(page)
    expected = ["Author4", "Author3", "Author2", "Author1", "Author0"]
    assert seen == (expected if not same_day else sorted(seen, reverse=True))
    assert sorted(seen) == sorted(expected)


def test_a_page_after_a_row_the_reader_may_not_see_is_paged_as_if_not_named(app, received, users, client_for,
                                                                          monkeypatch):
    """An address naming a confidential case must not reveal where it sorts."""
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    made = received(5)
    _hide(made[2])
    client = client_for(users["viewer"])
    plain = client.get("/communications/?sort=received&dir=desc&page=2")
    named = client.get(f"/communications/?sort=received&dir=desc&page=2&after={made[2].id}")
    assert _authors(named) == _authors(plain) == ["Author1", "Author0"]


@pytest.mark.parametrize("stage", ["", "&status=received"], ids=["every stage", "one stage"])
@pytest.mark.parametrize("same_day", [False, True], ids=["distinct dates", "one date for all"])
@pytest.mark.parametrize("reader", ["viewer", "officer", "admin"])
def test_a_page_typed_into_the_address_skips_exactly_the_rows_the_reader_may_not_see(
        app, received, users, client_for, committee, monkeypatch, same_day, reader, stage):
    """A deep page reached by its number is found by skipping every row and counting, after, the
    confidential ones passed: each page holds what the reader sees there, in order, whichever rows
    are left out before it (the first, several in a row, the last)."""
    from casework.cases.operations import assign_user

    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    made = received(11, same_day=same_day)
    for index in (0, 4, 5, 6, 10):
        _hide(made[index])
    assign_user(made[5], users["officer"], users["supervisor"])
    db.session.commit()
    client = client_for(users[reader])
    ccpr = committee("CCPR").id
    address = f"/communications/?committee={ccpr}&sort=received&dir=desc{stage}"
    expected = rows_by_next(client, address, _authors)  # the keyset pages: checked row by row
    seen = {"viewer": 6, "officer": 7, "admin": 11}[reader]
    assert len(expected) == len(set(expected)) == seen
    assert rows_by_number(client, address, _authors, (seen + 1) // 2) == expected


@pytest.mark.parametrize("order", ["sort=received&dir=desc", "sort=received&dir=asc", "sort=registered&dir=desc",
                                   "sort=registered&dir=asc", "sort=number&dir=asc"])
@pytest.mark.parametrize("same_day", [False, True], ids=["distinct dates", "one date for all"])
def test_a_page_of_every_committee_typed_in_holds_the_committees_rows_and_those_assigned_elsewhere(
        app, make_communication, users, client_for, monkeypatch, same_day, order):
    """The CCPR's officer reads every committee's list: the CCPR's communications but the
    confidential ones not assigned to them, and the CED's assigned to them, wherever they sort
    (before every CCPR row, between, after). Each numbered page holds what "Next" reaches there."""
    from casework.cases.operations import assign_user

    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    day = date(2026, 3, 2)
    made = {}
    for i, code in enumerate(["CED", "CCPR", "CCPR", "CED", "CCPR", "CCPR", "CCPR", "CED", "CCPR", "CCPR", "CED",
                              "CCPR", "CED"]):
        made[i] = make_communication(code=code, author=(f"Author{i}", "Ana"), register=code == "CCPR" and i % 3 != 0,
                                     received_on=day + timedelta(days=0 if same_day else i))
    for i in (2, 5, 6, 9):
        _hide(made[i])
    for i in (0, 3, 6, 12):  # three CED communications, one of them confidential, and a CCPR one
        made[i].confidential = made[i].confidential or i == 3
        assign_user(made[i], users["officer"], users["supervisor"])
    db.session.commit()
    client = client_for(users["officer"])
    address = f"/communications/?{order}"
    expected = rows_by_next(client, address, _authors)  # the keyset pages: checked row by row
    assert sorted(expected) == sorted(f"Author{i}" for i in (0, 1, 3, 4, 6, 8, 11, 12))
    assert rows_by_number(client, address, _authors, (len(expected) + 1) // 2) == expected
