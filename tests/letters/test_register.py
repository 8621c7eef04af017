"""The outgoing correspondence register: only the letters the user may see, its filters, and a
circular note verbale drafted from it, approved and printed to every Permanent Mission."""
from __future__ import annotations

import re

import pytest

from casework.core.states import State, UNStatus
from casework.core.workflow import fire
from casework.extensions import db
from casework.letters import operations as ops
from tests.letters.conftest import content
from tests.pages import statements_sent
from tests.letters.test_views import act, client_for, download, edit_form, form_with, link, pdf_text, status_badge, text


def listed(response) -> set[int]:
    """The ids of the letters the register lists on this page."""
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    if "No letters match." in page:
        assert "<tbody>" not in page
        return set()
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    return {int(i) for i in re.findall(r'<a href="/cases/(\d+)">', body)}


def record_count(response) -> int:
    match = re.search(r'<p class="count">(\d+) records?</p>', response.get_data(as_text=True))
    return int(match.group(1)) if match else 0


@pytest.fixture
def letters(users, units, make_case, states) -> dict[str, int]:
    """Five letters across units, types, States and states of the workflow."""
    officer = users["officer"]

    def drafted(type_key, parent=None, unit=None, **changes):
        letter = ops.draft_letter(type_key, "en", officer, parent=parent, unit_id=unit.id if unit else None)
        ops.update_letter(letter, content(states, **changes), officer)
        db.session.commit()
        return letter

    mex = drafted("letter", make_case(reference="S 1/2026"), subject="Detention of Ms. A.B.",
                  reference="AL MEX 3/2026")
    irq = drafted("note_verbale", make_case(reference="S 2/2026"), subject="Disappearance of Mr. C.D.",
                  reference="UA IRQ 5/2026", addressee_state_ids=[states["IRQ"].id])
    fire(irq, "submit", officer)
    db.session.commit()
    ced = drafted("letter", make_case("CED", reference="CED 1/2026"), subject="Follow-up of an urgent action",
                  reference="CED MEX 1/2026")
    secret = drafted("letter", make_case(confidential=True, reference="S 9/2026", assigned=(officer,)),
                     subject="Protected witness", reference="AL IRQ 9/2026", addressee_state_ids=[states["IRQ"].id])
    circular = drafted("circular_note_verbale", unit=units["OHCHR"], subject="Annual questionnaire",
                       reference="G/SO 1/2026", addressee_state_ids=[states["MEX"].id, states["IRQ"].id],
                       signatories=[])
    return {"mex": mex.id, "irq": irq.id, "ced": ced.id, "secret": secret.id, "circular": circular.id}


@pytest.mark.parametrize("who, sees", [
    ("outsider", {"ced"}),
    ("viewer", {"mex", "irq"}),
    ("supervisor", {"mex", "irq"}),  # a CCPR supervisor, not assigned to the confidential case
    ("officer", {"mex", "irq", "secret"}),  # assigned to it
    ("secretariat", {"mex", "irq", "ced", "circular"}),
    ("admin", {"mex", "irq", "ced", "secret", "circular"}),
])
def test_the_register_lists_only_the_letters_the_user_may_see(app, users, letters, who, sees):
    response = client_for(app, users[who]).get("/letters/")

    assert listed(response) == {letters[name] for name in sees}
    assert record_count(response) == len(sees)
    if "secret" not in sees:
        assert "Protected witness" not in response.get_data(as_text=True)


@pytest.mark.parametrize("query, expected", [
    (lambda s: {"state": s["IRQ"].id}, {"irq", "secret", "circular"}),
    (lambda s: {"state": s["MEX"].id}, {"mex", "ced", "circular"}),
    (lambda s: {"status": "submitted"}, {"irq"}),
    (lambda s: {"status": "draft"}, {"mex", "ced", "secret", "circular"}),
    (lambda s: {"letter_type": "note_verbale"}, {"irq"}),
    (lambda s: {"letter_type": "circular_note_verbale"}, {"circular"}),
    (lambda s: {"letter_type": "letter"}, {"mex", "ced", "secret"}),
    (lambda s: {"unit_kind": "secretariat"}, {"circular"}),
    (lambda s: {"unit_kind": "committee"}, {"mex", "irq", "ced", "secret"}),
    (lambda s: {"q": "IRQ"}, {"irq", "secret"}),  # reference
    (lambda s: {"q": "disappearance"}, {"irq"}),  # subject, whatever the case
    (lambda s: {"q": "no such letter"}, set()),
    (lambda s: {"state": s["MEX"].id, "unit_kind": "committee"}, {"mex", "ced"}),
])
def test_each_filter_narrows_the_register(app, users, letters, states, query, expected):
    response = client_for(app, users["admin"]).get("/letters/", query_string=query(states))

    assert listed(response) == {letters[name] for name in expected}
    assert record_count(response) == len(expected)


@pytest.mark.parametrize("direction", ["asc", "desc"])
@pytest.mark.parametrize("sort", ["created", "reference", "status", "sent"])
def test_every_order_lists_and_counts_each_letter_once(app, users, letters, sort, direction):
    """Ordered by the case's columns, the register's page is found over the cases alone; by the
    day sent, over the letters too: either way the same letters, each once, and no other case."""
    response = client_for(app, users["admin"]).get("/letters/", query_string={"sort": sort, "dir": direction})

    assert listed(response) == set(letters.values())
    assert record_count(response) == len(letters)


def test_the_register_asks_as_many_questions_for_eight_letters_as_for_five(app, users, letters, make_case, states):
    """Each row offers what the reader may do to it, which depends on who is assigned to the case
    the letter belongs to: read for the whole page at once, not letter by letter."""
    from casework.cases.operations import assign_user

    officer = users["officer"]
    client = client_for(app, officer)
    few = statements_sent(client, "/letters/")
    for number in range(3):
        case = make_case(reference=f"S {10 + number}/2026")
        assign_user(case, officer, users["supervisor"])
        letter = ops.draft_letter("letter", "en", officer, parent=case)
        ops.update_letter(letter, content(states), officer)
    db.session.commit()

    assert len(listed(client.get("/letters/"))) == 8 - 2  # the circular and CED's are not the officer's
    assert statements_sent(client, "/letters/") == few


def test_filters_never_reveal_what_the_user_may_not_see(app, users, letters, states):
    supervisor = client_for(app, users["supervisor"])

    assert listed(supervisor.get("/letters/", query_string={"state": states["IRQ"].id})) == {letters["irq"]}
    assert listed(supervisor.get("/letters/", query_string={"q": "Protected"})) == set()
    assert "No letters match." in text(supervisor.get("/letters/", query_string={"q": "Protected"}))


def test_a_circular_note_verbale_goes_to_all_permanent_missions(app, users, units, states):
    more = [State(iso2=i2, iso3=i3, name=name, un_status=UNStatus.MEMBER,
                  mission_name=f"Permanent Mission of {name} to the United Nations Office at Geneva")
            for i2, i3, name in (("CL", "CHL", "Chile"), ("NO", "NOR", "Norway"), ("KE", "KEN", "Kenya"))]
    db.session.add_all(more)
    db.session.commit()
    missions = [s.mission_name for s in (*states.values(), *more)]
    officer = client_for(app, users["officer"])

    new = link(officer.get("/letters/"), "New circular")
    assert new == "/letters/new"
    viewer = client_for(app, users["viewer"])  # may read the register, may draft nothing
    assert link(viewer.get("/letters/"), "New circular") is None and viewer.get(new).status_code == 403
    form = form_with(officer.get(new), "letter_type")
    form.update(letter_type=["circular_note_verbale"], language=["en"], unit_id=[str(units["CCPR"].id)])
    response = officer.post(new, data=form)
    assert response.status_code == 303
    letter_id = int(re.fullmatch(r".*/letters/(\d+)/edit", response.headers["Location"]).group(1))
    values = edit_form(officer, letter_id, subject="Annual questionnaire on reprisals", reference="G/SO 214/2026",
                       all_missions="y", body="inform them that the annual questionnaire is now open.")
    assert "signatories" not in values  # a note verbale is not signed

    assert officer.post(f"/letters/{letter_id}/edit", data=values).status_code == 303

    page = officer.get(f"/cases/{letter_id}")
    addressed_to = re.search(r"<dt>To</dt><dd>(.*?)</dd>", text(page), re.S).group(1)
    for mission in missions:
        assert mission in addressed_to
    assert letter_id in listed(officer.get("/letters/", query_string={"letter_type": "circular_note_verbale"}))

    assert act(officer, letter_id, "submit").status_code == 303
    assert act(client_for(app, users["supervisor"]), letter_id, "approve").status_code == 303

    page = officer.get(f"/cases/{letter_id}")
    assert status_badge(page) == "Final PDF ready"
    pdf = download(officer, link(page, "Open the final PDF"))
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    printed = pdf_text(pdf.data)
    assert "G/SO 214/2026" in printed
    assert ("The Office of the United Nations High Commissioner for Human Rights presents its compliments to the "
            "Permanent Missions") in printed
    assert "the annual questionnaire is now open." in printed
    assert "avails itself of this opportunity to renew to the Permanent Missions" in printed
    assert "Excellency," not in printed and "Excellencies," not in printed
    assert "Please accept" not in printed
