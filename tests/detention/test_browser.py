"""The visit form's script in a real browser (Chromium through Playwright): drafts saved as the
officer types, a row added, a dropped connection, an expired session, signing in again and
finding everything, a validation error, and the final save."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from casework.core.drafts import FormDraft
from casework.detention.visits.models import Visit
from casework.extensions import db
from tests.conftest import CHROMIUM, PASSWORD
from tests.demo_site import serving

pytestmark = pytest.mark.browser
SAVED = "Draft saved at"


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The app served on a free port, as the browser reaches it (on casework.test: the tests'
    SERVER_NAME, which Chromium is told to resolve to this machine)."""
    with serving(app) as address:
        yield address


@pytest.fixture
def browser(app, live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", f"--host-resolver-rules=MAP {app.config['SERVER_NAME']} 127.0.0.1"])
        context = chromium.new_context()
        errors: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: dialog.accept())
        try:
            yield context, page
        finally:
            chromium.close()
        assert errors == [], "the page's script failed"


def sign_in_on(page, email: str) -> None:
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def draft_fields(visit) -> dict:
    db.session.expire_all()
    draft = db.session.scalar(select(FormDraft).where(FormDraft.form_key == visit.form_key))
    return draft.fields if draft else {}


def saved(page, visit, name: str, value: str) -> None:
    """Wait (as the officer would not have to) until the server's draft holds what was typed."""
    for _ in range(100):
        if draft_fields(visit).get(name) == [value]:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{name} never reached the server's draft")


def test_the_visit_form_never_loses_what_was_typed(app, live_server, browser, users, facility, make_visit):
    from playwright.sync_api import expect

    context, page = browser
    visit = make_visit(facility, date(2025, 3, 12))
    edit = f"{live_server}/detention/visits/{visit.id}/edit"
    page.goto(edit)
    sign_in_on(page, users["officer"].email)
    page.wait_for_url(edit)
    status = page.locator("#autosave-status")

    # Typing is saved on the server within seconds, without pressing anything.
    page.fill("#team", "Andrés Castillo\nMarta Quintero")
    page.fill("#capacity", "100")
    page.fill("#pop_total", "150")
    expect(page.locator("#occupancy")).to_have_text("150%")
    saved(page, visit, "team", "Andrés Castillo\r\nMarta Quintero")
    expect(status).to_contain_text(SAVED)

    # A second recommendation, on a row the button adds, is saved with the rest.
    page.click("text=Add another recommendation")
    page.fill("#recommendations-0-addressee", "Director")
    page.fill("#recommendations-0-text", "Water at all hours.")
    page.fill("#recommendations-1-addressee", "INPEC")
    page.fill("#recommendations-1-text", "Reduce occupancy.")
    saved(page, visit, "recommendations-1-text", "Reduce occupancy.")

    # No connection: kept in the tab, saved when the connection is back.
    context.set_offline(True)
    page.fill("#pop_women", "12")
    expect(status).to_contain_text("No connection", timeout=10_000)
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    saved(page, visit, "pop_women", "12")
    expect(status).to_contain_text(SAVED)  # the answer is in: no request left that could renew the cookie

    # The session ends; the officer goes on typing, then presses Save.
    context.clear_cookies()
    page.fill("#issues_raised", "Typed after the session ended.")
    expect(status).to_contain_text("Your session has ended", timeout=10_000)
    page.click("text=Save the visit")
    page.wait_for_timeout(500)
    assert page.url == edit  # held back: the server would have refused it and lost the typing
    assert draft_fields(visit)["issues_raised"] == [""]  # what was typed since is only in the tab, for now

    # Signing in again from the status line comes back to the form, with everything.
    page.click("#autosave-status a")
    sign_in_on(page, users["officer"].email)
    page.wait_for_url(edit)
    saved(page, visit, "issues_raised", "Typed after the session ended.")
    assert page.input_value("#issues_raised") == "Typed after the session ended."
    assert page.input_value("#recommendations-1-text") == "Reduce occupancy."
    assert page.input_value("#pop_women") == "12"

    # A validation error keeps every field.
    page.fill("#ended_on", "2025-03-01")
    page.click("text=Save the visit")
    expect(page.locator(".error-summary")).to_contain_text("The last day cannot come before the first.")
    assert page.input_value("#recommendations-1-text") == "Reduce occupancy."
    assert page.input_value("#team") == "Andrés Castillo\nMarta Quintero"

    # Saved for real: the visit has it all, and the draft is gone.
    page.fill("#ended_on", "")
    page.click("text=Save the visit")
    page.wait_for_url(f"{live_server}/cases/{visit.id}")
    db.session.expire_all()
    record = db.session.get(Visit, visit.id)
    assert (record.pop_total, record.pop_women, record.issues_raised) == (150, 12, "Typed after the session ended.")
    assert [r.text for r in record.recommendations] == ["Water at all hours.", "Reduce occupancy."]
    assert draft_fields(visit) == {}
