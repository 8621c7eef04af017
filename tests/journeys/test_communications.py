"""A communication's whole life before the Human Rights Committee, in the browser.

The case officer records the complaint and its interim-measures request; the Special Rapporteur
(the committee's supervisor) registers it, grants the measures and transmits it; the note verbale
to the State goes through drafting, approval and its final PDF; the State's observations and the
author's comments come in; the Committee adopts Views finding a violation; the decision is sent,
published and followed up over two graded rounds until follow-up is closed.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from casework.communications.letters import written_date
from casework.core.deadlines import add_months
from tests.journeys.conftest import pdf_text

pytestmark = pytest.mark.browser

OFFICER = "ccpr.officer@ohchr.example.org"
RAPPORTEUR = "ccpr.supervisor@ohchr.example.org"
STATE = "Mexico"
MISSION = "Permanent Mission of Mexico"
AUTHOR = ("Quispe Mamani", "Rosa Elena")
MEASURE = "not to deport the author to her country of origin"


def _form(page, action: str):
    """The form on the page that posts to an address ending in `action`."""
    return page.locator(f"form[action$='{action}']")


def _status(journey) -> str:
    return journey.page.locator(".badge-state").inner_text().strip()


def _said(journey, message: str) -> None:
    """The page the last click led to confirms `message`; if it shows an error instead, say which."""
    expect(journey.page.locator(".flashes, .error-summary").first).to_be_visible()
    assert message in journey.flash(), journey.page.locator(".error-summary").all_inner_texts()


def _act(journey, label: str, comment: str = "") -> None:
    """Press a workflow action in the Actions panel, with a comment as the officer would add."""
    if comment:
        journey.page.fill("#comment", comment)
    journey.page.locator("#transition-form").get_by_role("button", name=label, exact=True).click()
    _said(journey, "Done:")


def _record_the_complaint(journey, received: date) -> str:
    """The officer records the complaint as it came in; returns the case page's address."""
    journey.sign_in(OFFICER)
    journey.page.get_by_role("link", name="Communications").first.click()
    journey.click("Record incoming correspondence")
    page = journey.page
    page.select_option("#committee_id", label="CCPR — Human Rights Committee")
    page.select_option("#state_id", label=STATE)
    page.fill("#received_on", received.isoformat())
    page.fill("#submitted_on", (received - timedelta(days=9)).isoformat())
    page.select_option("#submission_language", "es")
    page.fill("#authors-0-family_name", AUTHOR[0])
    page.fill("#authors-0-given_names", AUTHOR[1])
    page.fill("#subject_matter", "Deportation to a risk of torture; no effective remedy against the order")
    page.fill("#articles_invoked", "ccpr-7, CCPR-13")
    journey.screenshot("intake form")
    page.get_by_role("button", name="Record", exact=True).click()
    _said(journey, "Recorded as received")
    assert _status(journey) == "Received"
    assert "CCPR-7 and CCPR-13" in page.locator(".facts").first.inner_text()
    return page.url


def _log_the_measures_request(journey, on: date) -> None:
    form = _form(journey.page, "/interim-measures")
    form.locator("[name=measure]").fill(MEASURE)
    form.locator("[name=requested_on]").fill(on.isoformat())
    form.get_by_role("button", name="Log a request").click()
    _said(journey, "Interim measures request logged")


def _register(journey, case_url: str, on: date) -> str:
    """The Special Rapporteur registers the complaint; returns its number n/yyyy."""
    journey.sign_in(RAPPORTEUR)
    journey.page.goto(case_url)
    form = _form(journey.page, "/register")
    form.locator("[name=registered_on]").fill(on.isoformat())
    form.get_by_role("button", name="Register and number").click()
    _said(journey, "Registered.")
    heading = journey.page.locator("h1").inner_text()
    number = re.search(rf"CCPR (\d+/{on.year})", heading)
    assert number, heading
    assert _status(journey) == "Registered"
    journey.screenshot("registered")
    return number.group(1)


def _grant_the_measures(journey) -> None:
    row = journey.page.locator("section[aria-labelledby=im-h] tr", has_text=MEASURE)
    row.get_by_role("button", name="Grant").click()
    _said(journey, "Interim measures updated")
    expect(journey.page.locator("section[aria-labelledby=im-h] tr", has_text=MEASURE)).to_contain_text("Granted")


def _draft_letter(journey, case_url: str, kind: str, language: str) -> str:
    """The officer drafts a letter of this kind from the case page and submits it; returns its page."""
    journey.sign_in(OFFICER)
    journey.page.goto(case_url)
    journey.click("Draft a letter")
    journey.page.select_option("#letter_type", label=kind)
    journey.page.select_option("#language", language)
    journey.click("Start the draft")
    expect(journey.page.locator("h1")).not_to_have_text("Draft a letter")
    journey.screenshot(f"{kind} draft")
    journey.page.get_by_role("button", name="Save").click()
    _said(journey, "Letter saved.")
    _act(journey, "Submit for approval")
    return journey.page.url


def _approve(journey, letter_url: str) -> None:
    """The Special Rapporteur approves the letter; its final PDF is then produced."""
    journey.sign_in(RAPPORTEUR)
    journey.page.goto(letter_url)
    _act(journey, "Approve")
    expect(journey.page.get_by_role("link", name="Open the final PDF")).to_be_visible(timeout=60_000)


def _final_pdf(journey) -> str:
    """Save the final PDF as the person would: Alt+click on its link (a plain click shows it in the tab)."""
    page = journey.page
    with page.expect_download() as download:
        page.get_by_role("link", name="Open the final PDF").click(modifiers=["Alt"])
    return pdf_text(Path(download.value.path()).read_bytes())


def _record_compliance(journey, notes: str) -> None:
    form = _form(journey.page, "/compliance")
    form.locator("select").select_option(label="Complied")
    form.locator("input[name=notes]").fill(notes)
    form.get_by_role("button", name="Record").click()
    _said(journey, "Compliance recorded")
    expect(journey.page.locator("section[aria-labelledby=im-h] tr", has_text=MEASURE)).to_contain_text(notes)


def deadlines_panel(journey):
    return journey.page.locator("section", has=journey.page.get_by_role("heading", name="Deadlines"))


def _adopt_views(journey, number: str, on: date) -> str:
    """The officer records the Views the Committee adopted; returns the document symbol shown."""
    journey.page.get_by_text("Record a decision of the Committee").click()
    form = _form(journey.page, "/decision")
    form.locator("[name=decision_type]").select_option("views_violation")
    form.locator("[name=adopted_on]").fill(on.isoformat())
    form.locator("[name=session]").fill("146")
    form.locator("[name=articles_violated]").fill("CCPR-7, CCPR-13")
    form.locator("[name=individual_opinions]").fill("Joint opinion of two members (concurring)")
    journey.screenshot("decision form")
    form.get_by_role("button", name="Record the decision").click()
    _said(journey, "Decision recorded")
    assert _status(journey) == "Decided"
    symbol = f"CCPR/C/146/D/{number}"
    expect(journey.page.locator("section[aria-labelledby=decision-h]")).to_contain_text(symbol)
    return symbol


def _follow_up_round(journey, *, reply_on: date, grade: str, summary: str) -> None:
    journey.page.locator("summary", has_text="Record a follow-up round").click()
    form = _form(journey.page, "/follow-up")
    form.locator("[name=state_reply_on]").fill(reply_on.isoformat())
    form.locator("[name=grade]").select_option(label=grade)
    form.locator("[name=summary]").fill(summary)
    form.get_by_role("button", name="Record the round").click()
    _said(journey, "Follow-up round recorded")


def test_a_communication_from_intake_to_closed_follow_up(journey):
    today = date.today()
    case_url = _record_the_complaint(journey, today - timedelta(days=40))
    _log_the_measures_request(journey, today - timedelta(days=39))

    number = _register(journey, case_url, today - timedelta(days=30))
    _grant_the_measures(journey)
    _act(journey, "Transmit to the State party", "Transmitted with the request for interim measures")
    assert _status(journey) == "Transmitted"
    expect(deadlines_panel(journey)).to_contain_text("State observations on admissibility and merits")
    journey.screenshot("transmitted")

    note = _draft_letter(journey, case_url, "Transmittal note verbale to the State party", "en")
    _approve(journey, note)
    journey.screenshot("transmittal approved")
    text = _final_pdf(journey)
    assert MISSION in text and f"communication No. {number}" in text
    assert "Human Rights Committee" in text and "articles 7 and 13 of the Covenant" in text  # in words, not codes
    assert MEASURE in text  # the granted interim measures go with the transmittal
    assert f"admissibility and the merits by {written_date(add_months(today, 6), 'en')}" in text, text
    assert f"admissibility alone, it may do so by {written_date(add_months(today, 2), 'en')}" in text

    journey.sign_in(OFFICER)
    journey.page.goto(case_url)
    _record_compliance(journey, "The State suspended the deportation order on 2 December")
    _act(journey, "Record the State's observations", "Observations on admissibility and merits received")
    _act(journey, "Request the author's comments")
    expect(deadlines_panel(journey)).to_contain_text("Author's comments on the State's observations")
    _act(journey, "Record the author's comments")
    assert _status(journey) == "Ready for decision"
    journey.screenshot("ready for decision")

    symbol = _adopt_views(journey, number, today)  # not before the step it follows, recorded today
    _act(journey, "Transmit the decision to the parties")
    _act(journey, "Publish the decision")
    _act(journey, "Open follow-up")
    assert _status(journey) == "Under follow-up"

    decision = _draft_letter(journey, case_url, "Transmittal of the decision", "es")
    _approve(journey, decision)
    text = _final_pdf(journey)
    assert f"comunicación núm. {number}" in text and symbol in text
    assert "en un plazo de 180 días" in text, text
    assert "Comité de Derechos Humanos" in text and "days" not in text

    journey.sign_in(OFFICER)
    journey.page.goto(case_url)
    _follow_up_round(journey, reply_on=today - timedelta(days=1), grade="B — partially satisfactory",
                     summary="Compensation paid; the deportation order is still in force.")
    _act(journey, "Request a further follow-up reply")
    _follow_up_round(journey, reply_on=today, grade="A — largely satisfactory",
                     summary="The deportation order was quashed.")
    rounds = journey.page.locator("section[aria-labelledby=fu-h] tbody tr")
    expect(rounds).to_have_count(2)
    journey.screenshot("follow-up rounds")

    journey.sign_in(RAPPORTEUR)
    journey.page.goto(case_url)
    form = _form(journey.page, "/follow-up/close")
    form.locator("[name=outcome]").select_option("satisfactory")
    form.get_by_role("button", name="Close follow-up").click()
    _said(journey, "Follow-up closed")
    assert _status(journey) == "Closed"
    journey.screenshot("closed")
    expect(journey.page.locator(".facts").first).to_contain_text("closed as")
    expect(journey.page.locator("#actions-h + .empty")).to_be_visible()  # nothing left to do on the case
