"""A list's keys, selected over fewer tables, are its rows' keys: the same rows in the same order,
counted the same, for every order a list offers and every reader, with cases of other kinds
(letters of other kinds among them) in the same tables."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from casework.core.cases import Case
from casework.core.list_keys import list_keys
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
