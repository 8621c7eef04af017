"""Bulk actions in the letters register: approve the submitted letters, then mark the final ones
sent, each as its own page would, with the four-eyes rule kept letter by letter."""
from __future__ import annotations

import re
from datetime import date

from casework.core.workflow import fire
from casework.extensions import db
from casework.letters import operations as ops
from casework.letters.models import LetterStatus
from tests.letters.conftest import content, reload
from tests.pages import form_with, words


def _boxes(response) -> list[str]:
    return re.findall(r'name="letter_id" value="(\d+:\d+)"', response.get_data(as_text=True))


def _letters(users, make_case, states, count: int):
    made = []
    for n in range(count):
        letter = ops.draft_letter("letter", "en", users["officer"], parent=make_case(officer=users["officer"]))
        ops.update_letter(letter, content(states, reference=f"AL MEX {n + 1}/2026"), users["officer"])
        made.append(letter)
    db.session.commit()
    return made


def test_approve_then_mark_sent_from_the_register(users, make_case, states, login):
    letters = _letters(users, make_case, states, 3)
    fire(letters[0], "submit", users["officer"])
    fire(letters[1], "submit", users["officer"])
    fire(letters[2], "submit", users["supervisor"])  # who submitted it may not approve it
    db.session.commit()
    client = login(users["supervisor"])

    register = client.get("/letters/")
    form = form_with(register, "action")
    assert "Apply to the selected records" in words(register)
    form.update(action=["approve"], letter_id=_boxes(register))
    result = client.get(client.post("/bulk", data=form).headers["Location"])
    assert "2 records done · 1 refused" in words(result)
    assert "A letter must be approved by a supervisor other than its drafter." in words(result)
    assert [reload(letter).status for letter in letters] == [LetterStatus.FINAL, LetterStatus.FINAL,
                                                            LetterStatus.SUBMITTED]

    register = client.get("/letters/")
    form = form_with(register, "action")
    form.update(action=["mark_letter_sent"], channel=["pouch"], on=[date.today().isoformat()],
                letter_id=_boxes(register))
    result = client.get(client.post("/bulk", data=form).headers["Location"])
    assert "Mark as sent" in words(result) and "2 records done · 1 refused" in words(result)
    sent = [reload(letter) for letter in letters[:2]]
    assert {(letter.status, letter.sent_channel, letter.sent_on) for letter in sent} == {
        (LetterStatus.SENT, "pouch", date.today())}


def test_marking_sent_needs_how_they_went_out(users, make_case, states, login):
    letters = _letters(users, make_case, states, 1)
    client = login(users["officer"])
    register = client.get("/letters/")
    form = form_with(register, "action")
    form.update(action=["mark_letter_sent"], channel=[""], letter_id=_boxes(register))
    response = client.post("/bulk", data=form, follow_redirects=True)
    assert "Say how the letters went out." in words(response)
    assert reload(letters[0]).status == LetterStatus.DRAFT
