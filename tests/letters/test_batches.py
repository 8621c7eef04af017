"""Circulars: one copy per Permanent Mission, rendered by workers, downloaded as one zip."""
from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from pypdf import PdfReader

from casework.core.db import utcnow
from casework.core.jobs import JobStatus, reap
from casework.core.states import State, UNStatus
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.letters import batches, operations as ops
from casework.letters.models import LetterBatch, LetterStatus
from tests.core.jobs_for_tests import WorkerKilled
from tests.letters.conftest import content, reload


@pytest.fixture
def circular(users, units, states):
    states["CHL"] = State(iso2="CL", iso3="CHL", name="Chile", un_status=UNStatus.MEMBER,
                          mission_name="Permanent Mission of Chile to the United Nations Office and other "
                                       "international organizations in Geneva")
    db.session.add(states["CHL"])
    letter = ops.draft_letter("circular_note_verbale", "en", users["officer"], unit_id=units["CCPR"].id)
    ops.update_letter(letter, content(
        states, subject="Call for input", reference="CCPR/NV/2026/7", signatories=[],
        body="invite them to submit information on the follow-up to Views by 31 January 2027.",
        addressee_state_ids=[s.id for s in states.values()]), users["officer"])
    fire(letter, "submit", users["officer"])
    fire(letter, "approve", users["supervisor"])
    db.session.commit()
    return reload(letter)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_circular_gives_one_copy_per_mission_in_one_zip(circular, users, login):
    client = login(users["officer"])
    response = client.post(f"/letters/{circular.id}/batches")
    assert response.status_code == 303
    batch = db.session.scalars(db.select(LetterBatch)).one()
    page = client.get(f"/letters/batches/{batch.id}").get_data(as_text=True)
    assert "3 of 3 PDFs ready" in page and "Download all (zip)" in page
    assert 'http-equiv="refresh"' not in page  # nothing left to wait for

    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/letters/batches/{batch.id}/zip").data))
    assert sorted(archive.namelist()) == [f"CCPR-NV-2026-7_{c}.pdf" for c in ("CHL", "IRQ", "MEX")]
    mexico = " ".join(_text(archive.read("CCPR-NV-2026-7_MEX.pdf")).split())
    assert "presents its compliments to the Permanent Mission of Mexico" in mexico
    assert "Iraq" not in mexico and "Excellency" not in mexico


def test_a_failed_copy_is_shown_and_retried_without_duplicates(circular, users, login, monkeypatch):
    from casework.letters import jobs as letter_jobs

    real = letter_jobs.render_letter_pdf
    calls = {"n": 0}

    def flaky(document):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("font cache locked")
        return real(document)

    monkeypatch.setattr(letter_jobs, "render_letter_pdf", flaky)
    client = login(users["officer"])
    client.post(f"/letters/{circular.id}/batches")
    batch = db.session.scalars(db.select(LetterBatch)).one()
    assert batches.progress(batch) == {"total": 3, "done": 2, "failed": 1, "rendering": 0, "waiting": 0,
                                       "percent": 67}
    page = client.get(f"/letters/batches/{batch.id}").get_data(as_text=True)
    assert "font cache locked" in page
    assert client.get(f"/letters/batches/{batch.id}/zip").status_code == 409

    client.post(f"/letters/batches/{batch.id}/retry")
    db.session.expire_all()
    batch = db.session.get(LetterBatch, batch.id)
    assert batches.progress(batch)["done"] == 3
    assert len(batch.items) == 3 and all(i.job.status is JobStatus.DONE for i in batch.items)


def test_a_copy_whose_worker_died_is_failed_by_the_reaper_and_only_it_is_rendered_again(
        circular, users, login, monkeypatch):
    from casework.letters import jobs as letter_jobs

    real = letter_jobs.render_letter_pdf
    calls = {"n": 0}

    def dies_on_the_last_copy(document):
        calls["n"] += 1
        if calls["n"] == 3:
            raise WorkerKilled
        return real(document)

    monkeypatch.setattr(letter_jobs, "render_letter_pdf", dies_on_the_last_copy)
    client = login(users["officer"])
    client.post(f"/letters/{circular.id}/batches")
    batch = db.session.scalars(db.select(LetterBatch)).one()
    assert batches.progress(batch)["rendering"] == 1  # 2 of 3, and would stay so
    assert "0 copies queued again" in client.post(f"/letters/batches/{batch.id}/retry",
                                                  follow_redirects=True).get_data(as_text=True)

    assert len(reap(now=utcnow() + timedelta(seconds=300 + 61))) == 1
    page = client.get(f"/letters/batches/{batch.id}").get_data(as_text=True)
    assert "2 of 3 PDFs ready" in page and "1 failed" in page and "The worker stopped" in page

    page = client.post(f"/letters/batches/{batch.id}/retry", follow_redirects=True).get_data(as_text=True)
    assert "1 copy queued again." in page
    db.session.expire_all()
    batch = db.session.get(LetterBatch, batch.id)
    assert batches.progress(batch)["done"] == 3
    assert calls["n"] == 4  # the two copies made are kept, not made again
    assert sorted(item.job.attempts for item in batch.items) == [1, 1, 2]
    assert len(zipfile.ZipFile(io.BytesIO(client.get(f"/letters/batches/{batch.id}/zip").data)).namelist()) == 3


def test_copies_need_the_final_circular(users, units, states):
    letter = ops.draft_letter("circular_note_verbale", "en", users["officer"], unit_id=units["CCPR"].id)
    with pytest.raises(Refused, match="final, approved circular"):
        batches.start_batch(letter, users["officer"])


def test_letters_of_several_cases_are_approved_and_zipped_together(users, make_case, states, login):
    from casework.letters.models import Letter

    letters = []
    for n in (1, 2, 3):
        case = make_case(reference=f"CCPR {n}/2026", officer=users["officer"])
        letter = ops.draft_letter("letter", "en", users["officer"], parent=case)
        ops.update_letter(letter, content(states, reference=f"CCPR/REM/{n}"), users["officer"])
        fire(letter, "submit", users["officer"])
        letters.append(letter)
    db.session.commit()

    # The case officer may select them but not approve them: they wait for the supervisor.
    client = login(users["officer"])
    response = client.post("/letters/batches", data={"letter_id": [f"{l.id}:{l.version}" for l in letters], "approve": "1"},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Your role does not allow “Approve” on this case." in page
    assert "3 waiting for approval" in page

    client.post("/logout")
    client = login(users["supervisor"])
    response = client.post("/letters/batches", data={"letter_id": [f"{l.id}:{l.version}" for l in letters], "approve": "1"})
    batch = db.session.get(LetterBatch, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert batches.progress(batch)["done"] == 3
    assert all(reload(l).status == "final" for l in letters)
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/letters/batches/{batch.id}/zip").data))
    assert sorted(archive.namelist()) == [f"CCPR-REM-{n}_{l.id}.pdf" for n, l in zip((1, 2, 3), letters)]
    assert db.session.scalar(db.select(db.func.count()).select_from(Letter)) == 3


def test_copies_of_an_earlier_version_are_marked_and_never_mixed(circular, users, login, states):
    client = login(users["officer"])
    client.post(f"/letters/{circular.id}/batches")
    first = db.session.scalars(db.select(LetterBatch)).one()
    letter = reload(circular)
    ops.update_letter(letter, content(states, subject="Call for input (corrected)", reference="CCPR/NV/2026/7",
                                      signatories=[], addressee_state_ids=[s.id for s in states.values()]),
                      users["officer"])
    fire(letter, "submit", users["officer"])
    fire(letter, "approve", users["supervisor"])
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(LetterBatch, first.id).superseded
    assert "earlier version" in client.get(f"/letters/batches/{first.id}").get_data(as_text=True)


def test_approving_from_the_register_needs_the_version_that_was_seen(users, make_case, states, login):
    case = make_case(officer=users["officer"])
    letter = ops.draft_letter("letter", "en", users["officer"], parent=case)
    ops.update_letter(letter, content(states), users["officer"])
    fire(letter, "submit", users["officer"])
    db.session.commit()
    seen = reload(letter).version
    letter = reload(letter)
    letter.body = "Changed after the supervisor loaded the list."
    db.session.commit()
    client = login(users["supervisor"])
    page = client.post("/letters/batches", data={"letter_id": f"{letter.id}:{seen}", "approve": "1"},
                       follow_redirects=True).get_data(as_text=True)
    assert "changed since the list was loaded" in page
    assert reload(letter).status == LetterStatus.SUBMITTED


def test_a_batch_of_no_letters_goes_back_to_the_register_with_the_reason(users, login):
    client = login(users["officer"])
    response = client.post("/letters/batches", data={"approve": "1"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/letters/")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Choose at least one letter." in page
    assert "/letters/batches?" not in page  # the register's sorting links lead to the register
