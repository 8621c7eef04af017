"""A list's keys, selected over fewer tables, are its rows' keys: the same rows in the same order,
counted the same, for every order a list offers and every reader, with cases of other kinds
(letters of other kinds among them) in the same tables."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from casework.core.cases import Case
from casework.core.list_keys import list_keys, unseen_keys, walked_keys
from casework.core.queries import query_args
from casework.detention.filters import Filters
from casework.detention.visits.queries import KEY as VISIT_KEY, VISIT_SORTS, visits_query
from casework.extensions import db
from casework.letters import operations as letters
from casework.letters.models import Letter, LetterAddressee
from casework.letters.queries import KEY as LETTER_KEY, LIST_SORTS as LETTER_SORTS, letters_from_args
from casework.core.units import Unit, UnitKind
from casework.special_procedures import operations as special_procedures
from casework.special_procedures.models import Mandate, MandateKind
from tests.detention.conftest import make_facility, make_visit, states, units, users
from tests.pages import cases_linked, rows_by_next, rows_by_number
from tests.letters.conftest import content as letter_content
from tests.special_procedures.conftest import content

FIXTURES = (make_facility, make_visit, states, units, users)  # the detention tests', used here by name


@pytest.fixture
def cases_of_every_kind(make_case, make_facility, make_visit, users, units, states):
    """Visits of two places of two offices, one confidential; letters, one of a confidential case; a note
    verbale; a special procedures' communication, a letter of another kind; and other cases."""
    prison, station = make_facility(), make_facility("FO-MEX", name="Estación de Policía 4")
    for place, day in ((prison, date(2025, 3, 12)), (station, date(2025, 3, 12)), (station, date(2025, 1, 5))):
        make_visit(place, day)
    make_visit(prison, date(2025, 2, 1)).confidential = True
    officer = users["officer"]
    addressed = letters.draft_letter("letter", "en", officer, parent=make_case(reference="S 1/2026"))
    letters.update_letter(addressed, letter_content(states), officer)
    letters.draft_letter("letter", "en", officer, parent=make_case(reference="S 2/2026", confidential=True))
    letters.draft_letter("note_verbale", "en", officer, parent=make_case(reference="S 3/2026"))
    make_case(reference="S 4/2026")
    desk = Unit(code="SR-HRD", name="Special Rapporteur on human rights defenders", kind=UnitKind.MANDATE)
    db.session.add(desk)
    db.session.flush()
    mandate = Mandate(unit_id=desk.id, name=desk.name, kind=MandateKind.THEMATIC, holder_name="A. B.",
                      holder_title=desk.name, resolutions="")
    db.session.add(mandate)
    special_procedures.create_communication(content(states), mandate, users["admin"])
    db.session.commit()


def _same_rows(stmt, key, order) -> None:
    columns = (*order, key)
    paged, counted = list_keys(stmt, key, columns)
    expected = list(db.session.scalars(
        stmt.with_only_columns(key, maintain_column_froms=True).order_by(*columns)))
    assert list(db.session.scalars(paged.order_by(*columns))) == expected
    assert db.session.scalar(select(func.count()).select_from(counted.subquery())) == len(expected)


@pytest.mark.usefixtures("cases_of_every_kind")
@pytest.mark.parametrize("reader", ["viewer", "outsider", "admin"])
@pytest.mark.parametrize("sort", sorted(VISIT_SORTS))
@pytest.mark.parametrize("status", [None, "draft"])
def test_the_visits_keys_are_the_visits_listed(users, reader, sort, status):
    _same_rows(visits_query(users[reader], Filters(status=status)), VISIT_KEY, (VISIT_SORTS[sort],))


@pytest.mark.usefixtures("cases_of_every_kind")
@pytest.mark.parametrize("reader", ["secretariat", "viewer", "outsider", "admin"])
@pytest.mark.parametrize("sort", sorted(VISIT_SORTS))
@pytest.mark.parametrize("status", [None, "draft"])
def test_the_visits_walked_one_by_one_are_the_visits_listed(users, reader, sort, status):
    """A long list walked on the visits' own table, each visit's case asked in turn: the same rows
    in the same order; an order of another table's (the place, the stage) is never walked so."""
    stmt = visits_query(users[reader], Filters(status=status))
    columns = (VISIT_SORTS[sort], VISIT_KEY)
    paged, _counted = list_keys(stmt, VISIT_KEY, columns)
    walked = walked_keys(paged, VISIT_KEY, columns)
    if sort in ("place", "status"):
        assert walked is None
        return
    assert [table.name for table in walked.get_final_froms()] == ["detention_visits"]
    expected = list(db.session.scalars(stmt.with_only_columns(VISIT_KEY, maintain_column_froms=True)
                                       .order_by(*columns)))
    assert list(db.session.scalars(walked.order_by(*columns))) == expected
    assert reader != "admin" or len(expected) == 4  # every visit, the confidential one too


@pytest.mark.usefixtures("cases_of_every_kind")
@pytest.mark.parametrize("reader", ["secretariat", "admin"])
@pytest.mark.parametrize("sort", sorted(LETTER_SORTS))
def test_the_registers_keys_are_the_letters_listed(users, reader, sort):
    register = letters_from_args(users[reader], query_args({"letter_type": "letter"}))
    _same_rows(register, LETTER_KEY, (LETTER_SORTS[sort],))


@pytest.mark.usefixtures("cases_of_every_kind")
def test_a_list_that_does_not_name_its_kind_keeps_its_tables():
    _same_rows(select(Letter).where(Letter.status == "draft"), LETTER_KEY, (Case.__table__.c.created_at,))
    _same_rows(select(Letter).where(Letter.status == "draft"), LETTER_KEY, (Letter.__table__.c.sent_on,))
    assert len(db.session.scalars(select(Letter)).all()) == 4


@pytest.mark.usefixtures("cases_of_every_kind")
def test_letters_of_one_kind_ordered_by_the_letters_own_columns_are_that_kind_alone():
    """The letters' table holds the special procedures' communications too: an order of its own
    does not make the kind's condition redundant."""
    own = Letter.__table__.c
    _same_rows(select(Letter).where(Letter.of_this_kind()), own.id, (own.letter_date,))


@pytest.mark.usefixtures("cases_of_every_kind")
def test_a_join_that_may_leave_out_or_repeat_a_row_is_kept():
    """Joined to their addressees, the letters without one are not listed: the join stays."""
    addressed = select(Letter).where(Letter.of_this_kind()).join(LetterAddressee, LetterAddressee.letter_id == Letter.id)
    _same_rows(addressed, LETTER_KEY, (Case.__table__.c.created_at,))


@pytest.mark.usefixtures("cases_of_every_kind")
def test_a_table_the_conditions_alone_name_is_kept():
    """Named in the WHERE clause rather than joined, the addressees still leave out the letters
    without one."""
    addressed = select(Letter).where(Letter.of_this_kind(), LetterAddressee.letter_id == Letter.id)
    _same_rows(addressed, LETTER_KEY, (Case.__table__.c.created_at,))
    assert len(db.session.scalars(addressed).all()) == 1


@pytest.fixture
def eleven_visits(app, make_facility, make_visit, users, monkeypatch, request):
    """Eleven visits two to a page, five of them confidential (the first, three in a row, the last),
    one of those assigned to the secretariat's reader."""
    from casework.cases.operations import assign_user

    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    place = make_facility()
    made = [make_visit(place, date(2025, 1, 1 if request.param else 1 + n)) for n in range(11)]
    for index in (0, 4, 5, 6, 10):
        made[index].confidential = True
    assign_user(made[5], users["secretariat"], users["supervisor"])
    db.session.commit()
    return made


@pytest.mark.parametrize("eleven_visits", [False, True], ids=["distinct days", "one day for all"], indirect=True)
@pytest.mark.parametrize("sort", ["date", "number"])
@pytest.mark.parametrize("reader", ["secretariat", "auditor", "viewer", "admin"])
def test_a_visits_page_typed_into_the_address_holds_what_the_reader_sees_there(eleven_visits, users, login, reader,
                                                                                sort):
    """A reader of every unit sees all but the confidential visits not assigned to them: a page typed
    into the address skips the visits before it and the confidential ones among them it left out,
    and holds, in order, what "Next" reaches there."""
    client, address = login(users[reader]), f"/detention/?sort={sort}&dir=desc"
    expected = rows_by_next(client, address, cases_linked)  # the keyset pages: checked row by row
    assert len(expected) == len(set(expected)) == {"secretariat": 7, "auditor": 6, "viewer": 6, "admin": 11}[reader]
    assert rows_by_number(client, address, cases_linked, (len(expected) + 1) // 2) == expected


@pytest.mark.parametrize("eleven_visits", [False, True], ids=["distinct days", "one day for all"], indirect=True)
@pytest.mark.parametrize("reader", ["secretariat", "viewer", "admin"])
def test_a_long_list_of_one_stage_holds_the_same_visits_walked_or_joined(eleven_visits, app, users, login, reader,
                                                                         monkeypatch):
    """Past its count's bound, a list's first page and each page by "Next" walk the visits in
    order asking each one's case; a page typed in joins them: both hold what the reader sees."""
    monkeypatch.setitem(app.config, "COUNT_BOUND", 3)
    client, address = login(users[reader]), "/detention/?status=draft&sort=number&dir=asc"
    expected = rows_by_next(client, address, cases_linked)
    assert len(expected) == len(set(expected)) == {"secretariat": 7, "viewer": 6, "admin": 11}[reader]
    assert rows_by_number(client, address, cases_linked, (len(expected) + 1) // 2) == expected


@pytest.mark.usefixtures("cases_of_every_kind")
def test_for_a_reader_of_every_unit_a_deep_page_is_found_over_the_kinds_own_table(users):
    """What lets a typed page skip its rows on the visits' own index: the keys without the access
    condition, over the visits alone, and the few visits that condition leaves out."""
    order = (VISIT_SORTS["date"], VISIT_KEY)
    keys, _counted = list_keys(visits_query(users["secretariat"], Filters()), VISIT_KEY, order)
    every, hidden, beyond = unseen_keys(keys, VISIT_KEY, order)
    assert [table.name for table in every.get_final_froms()] == ["detention_visits"]
    assert len(db.session.scalars(every).all()) == 4
    assert len(db.session.scalars(hidden).all()) == 1  # the confidential visit
    assert beyond is None  # a reader of every unit sees nothing beyond the kind's rows
    for reader in ("viewer", "outsider", "admin"):  # some units' readers see few of a kind; an admin all
        keys, _counted = list_keys(visits_query(users[reader], Filters()), VISIT_KEY, order)
        assert unseen_keys(keys, VISIT_KEY, order) is None
