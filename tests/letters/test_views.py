"""Letters through the browser: drafting from a case, previews, approval, the final PDF, sending,
replies, rendering jobs as the page reports them, and who may open what."""
from __future__ import annotations

import io
from datetime import date, timedelta
import re

import pytest
from babel.dates import format_date
from pypdf import PdfReader
from sqlalchemy import func, select

from casework.core.audit import AuditEvent
from casework.core.workflow import CaseHistory
from casework.core.jobs import JobRecord, JobStatus
from casework.extensions import db
from casework.letters.models import Letter
from tests.conftest import sign_in
from tests.pages import buttons, form_with, link, read_page, text

SUBJECT = "Allegations concerning the detention of Ms. A.B."
REFERENCE = "AL MEX 3/2026"
SIGNATORY = "Amara Okonjo-Lind | Special Rapporteur on the situation of human rights defenders"
BODY = ("J'ai l'honneur de m'adresser à vous au sujet d'informations reçues.\r\n\r\n"
        "Je vous prie de bien vouloir fournir toute information complémentaire.")


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, whitespace collapsed (justified lines carry extra spaces)."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def download(client, url: str):
    """GET a file and close the response (a file download holds the file open until closed)."""
    response = client.get(url)
    response.get_data()  # buffered: still readable once closed
    response.close()
    return response


def client_for(app, user):
    """A browser of its own, signed in as `user`."""
    client = app.test_client()
    sign_in(client, user)
    return client


# ---- Doing things as a user does ----------------------------------------------------------------

def start_letter(client, case, letter_type="letter", language="en") -> int:
    """Follow "Draft a letter" on the case page and start a draft; returns the new letter's id."""
    case_page = client.get(f"/cases/{case.id}")
    href = link(case_page, "Draft a letter")
    assert href == f"/letters/new?case_id={case.id}"
    assert client.get(href).status_code == 200
    response = client.post(href, data={"letter_type": letter_type, "language": language})
    assert response.status_code == 303, response.get_data(as_text=True)
    match = re.fullmatch(r".*/letters/(\d+)/edit", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def edit_form(client, letter_id: int, **changes) -> dict[str, list[str]]:
    """The edit form as the page fills it in, with the user's changes typed over it."""
    values = form_with(client.get(f"/letters/{letter_id}/edit"), "subject")
    for name, value in changes.items():
        values[name] = value if isinstance(value, list) else [value]
    return values


def save(client, letter_id: int, **changes):
    return client.post(f"/letters/{letter_id}/edit", data=edit_form(client, letter_id, **changes))


def complete(states, **changes) -> dict:
    """Everything a drafter types for a letter to Mexico that is ready to submit."""
    values = {"subject": SUBJECT, "reference": REFERENCE, "addressee_states": [str(states["MEX"].id)],
              "signatories": SIGNATORY, "body": BODY}
    values.update(changes)
    return values


def act(client, letter_id: int, event: str, comment: str = ""):
    """Press a workflow button on the letter page, with the version the page was showing."""
    version = form_with(client.get(f"/cases/{letter_id}"), "comment")["version"][0]
    return client.post(f"/cases/{letter_id}/actions/{event}", data={"version": version, "comment": comment})


def status_badge(response) -> str:
    match = re.search(r'<span class="badge badge-state">([^<]*)</span>', response.get_data(as_text=True))
    assert match, "the page shows no status"
    return match.group(1)


def letter_row(letter_id: int) -> Letter:
    db.session.expire_all()
    return db.session.get(Letter, letter_id)


@pytest.fixture
def case(make_case, users):
    return make_case(officer=users["officer"], title="Detention of Ms. A.B.")


@pytest.fixture
def officer(app, users):
    return client_for(app, users["officer"])


@pytest.fixture
def supervisor(app, users):
    return client_for(app, users["supervisor"])


@pytest.fixture
def saved(officer, case, states) -> int:
    """A French letter drafted from the case page and saved complete, not yet submitted."""
    letter_id = start_letter(officer, case, language="fr")
    assert save(officer, letter_id, **complete(states)).status_code == 303
    return letter_id


@pytest.fixture
def final(officer, supervisor, saved) -> int:
    """The saved letter, submitted by the officer and approved by the supervisor."""
    assert act(officer, saved, "submit").status_code == 303
    assert act(supervisor, saved, "approve").status_code == 303
    return saved


# ---- Drafting -----------------------------------------------------------------------------------

def test_a_letter_drafted_from_the_case_page_starts_in_its_language(officer, case):
    letter_id = start_letter(officer, case, language="fr")

    edit = officer.get(f"/letters/{letter_id}/edit")
    assert edit.status_code == 200
    values = form_with(edit, "subject")
    assert values["body"][0].startswith("J'ai l'honneur de m'adresser à vous au sujet de Detention of Ms. A.B.")
    assert values["language"] == ["fr"]
    assert values["subject"] == ["Detention of Ms. A.B."]
    case_page = officer.get(f"/cases/{case.id}")
    assert f'href="/cases/{letter_id}"' in case_page.get_data(as_text=True)  # the case lists its letter


def test_a_missing_subject_is_named_and_nothing_typed_is_lost(officer, case, states):
    letter_id = start_letter(officer, case, language="fr")

    response = save(officer, letter_id, **complete(states, subject=""))

    assert response.status_code == 400
    page = text(response)
    assert '<p class="error" id="subject-error">This field is required.</p>' in page
    assert "Subject: This field is required." in page  # the summary at the top names the field
    kept = form_with(response, "subject")
    assert kept["body"] == [BODY]
    assert kept["signatories"] == [SIGNATORY]
    assert kept["reference"] == [REFERENCE]
    assert kept["addressee_states"] == [str(states["MEX"].id)]
    assert kept["language"] == ["fr"]
    assert letter_row(letter_id).reference == "S 1/2026"  # nothing was saved


def test_a_signatory_without_a_title_is_named_and_nothing_typed_is_lost(officer, case, states):
    letter_id = start_letter(officer, case, language="fr")

    response = save(officer, letter_id, **complete(states, signatories="Amara Okonjo-Lind"))

    assert response.status_code == 400
    assert "Give each signatory a title after “|”: Amara Okonjo-Lind" in text(response)
    kept = form_with(response, "subject")
    assert kept["subject"] == [SUBJECT]
    assert kept["body"] == [BODY]
    assert kept["signatories"] == ["Amara Okonjo-Lind"]
    assert kept["addressee_states"] == [str(states["MEX"].id)]
    assert letter_row(letter_id).signatories == []


def test_a_saved_letter_shows_its_subject_addressee_and_signatory(officer, case, states):
    letter_id = start_letter(officer, case, language="fr")

    response = save(officer, letter_id, **complete(states))

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/cases/{letter_id}")
    page = officer.get(f"/cases/{letter_id}")
    content = text(page)
    assert "Letter saved." in content
    assert SUBJECT in content
    assert states["MEX"].mission_name in content
    assert "Amara Okonjo-Lind" in content and "Special Rapporteur on the situation of human rights defenders" in content
    assert status_badge(page) == "Draft"


def test_the_preview_is_a_pdf_watermarked_in_the_letter_language(officer, saved):
    page = officer.get(f"/cases/{saved}")
    assert "Preview PDF" in buttons(page)
    assert link(page, "Open the latest preview") is None
    missing = download(officer, f"/letters/{saved}/pdf/preview")
    assert missing.status_code == 404 and "No preview of this letter has been made yet." in text(missing)
    missing = download(officer, f"/letters/{saved}/pdf/final")
    assert missing.status_code == 404 and "This letter has no final PDF: it is not approved yet" in text(missing)

    response = officer.post(f"/letters/{saved}/preview")

    assert response.status_code == 303
    page = officer.get(f"/cases/{saved}")
    assert link(page, "Open the latest preview") == f"/letters/{saved}/pdf/preview"
    pdf = download(officer, f"/letters/{saved}/pdf/preview")
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    content = pdf_text(pdf.data)
    assert "PROJET" in content and "DRAFT" not in content
    assert SUBJECT in content
    assert status_badge(page) == "Draft"  # a preview changes nothing about the letter


def test_a_letter_without_addressee_cannot_be_submitted(officer, case, states):
    letter_id = start_letter(officer, case, language="fr")
    assert save(officer, letter_id, **complete(states, addressee_states=[])).status_code == 303
    before = letter_row(letter_id).version

    response = act(officer, letter_id, "submit", comment="Ready for review")

    assert response.status_code == 422
    assert "Add at least one addressee." in text(response)
    assert "Ready for review" in text(response)  # the comment is shown back, not lost
    assert status_badge(response) == "Draft"
    letter = letter_row(letter_id)
    assert letter.status == "draft" and letter.version == before


# ---- Approval, the final PDF, sending and the reply ------------------------------------------------

def test_only_a_supervisor_other_than_the_drafter_approves_and_the_final_pdf_follows(
        app, officer, supervisor, saved, users):
    assert act(officer, saved, "submit").status_code == 303

    officer_page = officer.get(f"/cases/{saved}")
    assert status_badge(officer_page) == "Submitted"
    assert "Approve" not in buttons(officer_page)
    assert "Approve" in buttons(supervisor.get(f"/cases/{saved}"))
    forced = officer.post(f"/cases/{saved}/actions/approve", data={"version": letter_row(saved).version})
    assert forced.status_code == 403
    assert status_badge(officer.get(f"/cases/{saved}")) == "Submitted"

    assert act(supervisor, saved, "approve").status_code == 303

    page = supervisor.get(f"/cases/{saved}")
    letter = letter_row(saved)
    assert status_badge(page) == "Final PDF ready"
    assert link(page, "Open the final PDF") == f"/letters/{saved}/pdf/final"
    assert f">{letter.final_pdf_sha256[:16]}…</code>" in page.get_data(as_text=True)
    # the moment in the reader's conventions: "Dec 7, 2026 11:58 AM"
    assert re.search(r"<dt>Approved by</dt><dd>Supervisor · [A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d\s[AP]M</dd>",
                     text(officer.get(f"/cases/{saved}")))
    pdf = download(officer, f"/letters/{saved}/pdf/final")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    content = pdf_text(pdf.data)
    assert REFERENCE in content
    assert "Excellence," in content
    assert "Amara Okonjo-Lind" in content
    assert "PROJET" not in content
    downloads = db.session.execute(select(AuditEvent.actor_id, AuditEvent.detail).where(
        AuditEvent.case_id == saved, AuditEvent.action == "download")).all()
    assert [(actor, detail["pdf"]) for actor, detail in downloads] == [(users["officer"].id, "final")]


def test_every_pdf_download_goes_to_the_audit_trail(officer, supervisor, final, users):
    assert officer.post(f"/letters/{final}/preview").status_code == 303
    download(officer, f"/letters/{final}/pdf/preview")
    download(supervisor, f"/letters/{final}/pdf/final")

    downloads = db.session.execute(select(AuditEvent.actor_id, AuditEvent.detail).where(
        AuditEvent.case_id == final, AuditEvent.action == "download").order_by(AuditEvent.id)).all()
    letter = letter_row(final)
    assert [(actor, detail["pdf"]) for actor, detail in downloads] == [
        (users["officer"].id, "preview"), (users["supervisor"].id, "final")]
    assert downloads[1][1]["sha256"] == letter.final_pdf_sha256


def test_the_final_letter_is_marked_sent_and_its_reply_filed(officer, final):
    today = date.today().isoformat()
    page = officer.get(f"/cases/{final}")
    assert "reply.pdf" not in page.get_data(as_text=True)
    values = form_with(page, "sent_on")
    values.update(sent_on=[today], channel=["pouch"])

    response = officer.post(f"/letters/{final}/sent", data=values)

    assert response.status_code == 303
    page = officer.get(f"/cases/{final}")
    assert status_badge(page) == "Sent"
    assert f"{format_date(date.today(), 'medium', locale='en')} · pouch" in page.get_data(as_text=True)
    assert "Mark as sent" not in buttons(page)
    assert "Edit the letter" not in [label for label, _href in read_page(page).links]  # a sent letter is not edited
    values = form_with(page, "received_on")
    values.update(received_on=[today],
                  file=[(io.BytesIO(b"%PDF-1.4 reply of the Government"), "reply.pdf")])

    response = officer.post(f"/letters/{final}/reply", data=values, content_type="multipart/form-data")

    assert response.status_code == 303
    page = officer.get(f"/cases/{final}")
    assert status_badge(page) == "Reply received"
    assert "Reply received" in text(page) and today in text(page)
    assert any(label == "reply.pdf" and "/attachments/" in href for label, href in read_page(page).links)
    steps = db.session.scalars(select(CaseHistory.happened_on).where(
        CaseHistory.case_id == final, CaseHistory.event.in_(("mark_sent", "record_reply")))).all()
    assert steps == [date.today(), date.today()]


def test_a_letter_entered_after_it_went_out_is_dated_the_day_it_went_out(officer, final):
    """Approved today, as the secretariat enters it, but sent ten days ago: its sending is dated by
    the "Sent on" typed, and the history says when it was recorded; a reply is not dated before it."""
    page = officer.get(f"/cases/{final}")
    values = form_with(page, "sent_on")
    sent = date.today() - timedelta(days=10)
    values.update(sent_on=[sent.isoformat()], channel=["pouch"])

    assert officer.post(f"/letters/{final}/sent", data=values).status_code == 303

    step = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == final,
                                                        CaseHistory.event == "mark_sent")).one()
    assert step.happened_on == sent and step.occurred_at.date() == date.today()
    page = officer.get(f"/cases/{final}")
    values = form_with(page, "received_on")
    values.update(received_on=[(sent - timedelta(days=1)).isoformat()],
                  file=[(io.BytesIO(b"%PDF-1.4 reply"), "reply.pdf")])
    refused = officer.post(f"/letters/{final}/reply", data=values, content_type="multipart/form-data")
    assert refused.status_code == 400 and "before the step it follows" in text(refused)


def test_editing_an_approved_letter_warns_and_sends_it_back_to_draft(officer, final):
    edit = officer.get(f"/letters/{final}/edit")
    assert "This letter is approved. Saving a change sends it back to draft" in text(edit)

    response = save(officer, final, body="Un texte corrigé.")

    assert response.status_code == 303
    page = officer.get(f"/cases/{final}")
    assert status_badge(page) == "Draft"
    assert link(page, "Open the final PDF") is None
    assert "Submit for approval" in buttons(page)
    assert "This letter is approved" not in text(officer.get(f"/letters/{final}/edit"))


def test_a_stale_edit_is_refused_and_keeps_the_typed_text(app, officer, saved, users):
    stale = edit_form(officer, saved, body="My reworded paragraph.")
    colleague = client_for(app, users["supervisor"])
    assert save(colleague, saved, subject="Changed meanwhile").status_code == 303

    response = officer.post(f"/letters/{saved}/edit", data=stale)

    assert response.status_code == 409
    assert "was changed by someone else while you were working on it" in text(response)
    assert form_with(response, "subject")["body"] == ["My reworded paragraph."]
    letter = letter_row(saved)
    assert letter.title == "Changed meanwhile" and "My reworded paragraph." not in letter.body


# ---- Rendering jobs as the page reports them ------------------------------------------------------

REFRESH = '<meta http-equiv="refresh"'


@pytest.mark.parametrize("status, words", [(JobStatus.QUEUED, "Waiting for a worker…"),
                                           (JobStatus.RUNNING, "Rendering…")])
def test_the_page_refreshes_itself_while_a_pdf_is_on_its_way(officer, saved, status, words):
    assert REFRESH not in officer.get(f"/cases/{saved}").get_data(as_text=True)
    db.session.add(JobRecord(kind="casework.letters.jobs.render_letter_preview", args=[saved], status=status,
                             subject_type="letters", subject_id=saved))
    db.session.commit()

    page = officer.get(f"/cases/{saved}").get_data(as_text=True)

    assert REFRESH in page
    assert words in page


def test_a_finished_job_stops_the_refreshing(officer, saved):
    assert officer.post(f"/letters/{saved}/preview").status_code == 303

    page = officer.get(f"/cases/{saved}").get_data(as_text=True)

    assert REFRESH not in page
    assert "Ready" in page


def test_a_failed_rendering_is_shown_and_trying_again_finishes_the_same_letter(
        officer, supervisor, saved, monkeypatch):
    from casework.letters import jobs as letter_jobs

    def broken(document):
        raise RuntimeError("the PDF engine ran out of memory")

    monkeypatch.setattr(letter_jobs, "render_letter_pdf", broken)
    assert act(officer, saved, "submit").status_code == 303
    assert act(supervisor, saved, "approve").status_code == 303

    page = officer.get(f"/cases/{saved}")
    assert "Rendering failed: RuntimeError: the PDF engine ran out of memory" in text(page)
    assert REFRESH not in page.get_data(as_text=True)  # nothing to wait for
    assert status_badge(page) == "Approved"
    assert link(page, "Open the final PDF") is None
    retry_forms = [f for f in read_page(page).forms if any(b["label"] == "Try again" for b in f["buttons"])]
    assert len(retry_forms) == 1
    action = retry_forms[0]["action"]
    assert re.fullmatch(rf"/letters/{saved}/jobs/\d+/retry", action)
    monkeypatch.undo()

    response = officer.post(action)

    assert response.status_code == 303
    page = officer.get(f"/cases/{saved}")
    assert status_badge(page) == "Final PDF ready"
    assert "Rendering failed" not in page.get_data(as_text=True)
    assert link(page, "Open the final PDF") == f"/letters/{saved}/pdf/final"
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 1
    assert db.session.scalar(select(func.count()).select_from(JobRecord)) == 1
    second = officer.post(action)  # a second press finds nothing to retry, and says so
    assert second.status_code == 422 and "Only a failed job can be retried." in text(second)
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 1


# ---- Who may open what ----------------------------------------------------------------------------

def test_another_unit_cannot_tell_the_letter_exists(app, officer, final, users):
    assert officer.post(f"/letters/{final}/preview").status_code == 303
    outsider = client_for(app, users["outsider"])

    for url in (f"/cases/{final}", f"/letters/{final}/pdf/final", f"/letters/{final}/pdf/preview",
                f"/letters/{final}/edit"):
        assert download(outsider, url).status_code == 404, url
        assert download(officer, url).status_code == 200, url  # they exist: the 404 is about who asks


def test_a_viewer_reads_the_letter_but_changes_nothing(app, final, users):
    viewer = client_for(app, users["viewer"])

    page = viewer.get(f"/cases/{final}")
    assert page.status_code == 200
    assert SUBJECT in text(page)
    assert "Preview PDF" not in buttons(page) and "Mark as sent" not in buttons(page)
    assert link(page, "Edit the letter") is None
    pdf = download(viewer, f"/letters/{final}/pdf/final")
    assert pdf.status_code == 200 and REFERENCE in pdf_text(pdf.data)
    version = letter_row(final).version
    assert viewer.get(f"/letters/{final}/edit").status_code == 403
    typed = {"version": version, "subject": "x", "body": "x"}
    assert viewer.post(f"/letters/{final}/edit", data=typed).status_code == 403
    assert viewer.post(f"/letters/{final}/preview").status_code == 403
    assert viewer.post(f"/letters/{final}/sent", data={"version": version, "sent_on": "2026-11-20",
                                                       "channel": "email"}).status_code == 403
    assert viewer.post(f"/letters/{final}/reply", content_type="multipart/form-data", data={
        "version": version, "received_on": "2026-12-01",
        "file": (io.BytesIO(b"%PDF-1.4 reply"), "reply.pdf")}).status_code == 403
    letter = letter_row(final)
    assert letter.status == "final" and letter.version == version and not letter.attachments
    assert db.session.scalar(select(func.count()).select_from(JobRecord)) == 1  # no preview was queued


def test_a_letter_of_a_confidential_case_is_seen_only_by_those_assigned(app, make_case, users, states):
    secret = make_case(confidential=True, officer=users["officer"], assigned=(users["officer"],))
    officer = client_for(app, users["officer"])
    letter_id = start_letter(officer, secret)
    assert save(officer, letter_id, **complete(states)).status_code == 303
    supervisor = client_for(app, users["supervisor"])

    assert officer.get(f"/cases/{letter_id}").status_code == 200
    assert SUBJECT in text(officer.get(f"/cases/{letter_id}"))
    assert supervisor.get(f"/cases/{letter_id}").status_code == 404
    assert supervisor.get(f"/letters/{letter_id}/edit").status_code == 404
    assert SUBJECT not in text(supervisor.get("/letters/"))


def test_a_sent_letter_offers_no_edit_form(officer, final):
    page = officer.get(f"/cases/{final}")
    form = form_with(page, "sent_on")
    form.update({"sent_on": [date.today().isoformat()], "channel": ["email"]})
    assert officer.post(f"/letters/{final}/sent", data=form).status_code == 303
    response = officer.get(f"/letters/{final}/edit")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/cases/{final}")
    assert "can no longer be changed" in text(officer.get(f"/cases/{final}"))


def test_a_circular_to_all_missions_is_remembered_as_such(app, users, units, states):
    officer = client_for(app, users["officer"])
    response = officer.post("/letters/new", data={"letter_type": "circular_note_verbale", "language": "en",
                                                   "unit_id": str(units["CCPR"].id)})
    letter_id = int(re.fullmatch(r".*/letters/(\d+)/edit", response.headers["Location"]).group(1))
    assert save(officer, letter_id, subject="Call for input", body="inform them of the session.",
                all_missions="y", addressee_states=[]).status_code == 303
    form = edit_form(officer, letter_id)
    assert form.get("all_missions") == ["y"]
    assert form.get("addressee_states", []) == []
