"""The working groups' main paths, in the browser: a regular communication of the Working Group on
Arbitrary Detention from receipt to its adopted opinion and the opinion's letter, read back from the
PDF; and a case of the Working Group on Enforced Disappearances from receipt to clarification."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.journeys.conftest import shown

pytestmark = pytest.mark.browser

OFFICER, SUPERVISOR = "wg.officer@ohchr.example.org", "wg.supervisor@ohchr.example.org"
HOLDER = "wgad.holder@ohchr.example.org"  # Vice-Chair on communications: signs the opinion's letters
CHAIR = "wgeid.holder@ohchr.example.org"  # of the disappearances working group


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def step_form(journey, label: str):
    """The case page's dated form for one step, found by its legend."""
    return journey.page.locator("form", has=journey.page.locator("legend", has_text=label))


def take_step(journey, label: str, on: str, **fields: str) -> None:
    """Record a dated step as the officer does: the day it happened, then its button."""
    form = step_form(journey, label)
    form.locator("input[name=on]").fill(on)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_role("button", name=label).click()


def facts(journey) -> str:
    """The case's facts panel as read on the page, spaces run together."""
    return " ".join(journey.page.locator("section.panel").first.inner_text().split())


def facts_of(journey, heading_id: str) -> str:
    """The facts of the panel with this heading, spaces run together."""
    return " ".join(journey.page.locator(f"section[aria-labelledby={heading_id}]").inner_text().split())


def test_a_regular_communication_from_receipt_to_the_opinion_letter(journey):
    journey.sign_in(OFFICER)
    journey.click("Working groups")
    journey.click("New case")
    page = journey.page
    page.fill("#family_name", "Okafor")
    page.fill("#given_names", "Chidi")
    page.select_option("#state_id", label="Nigeria")
    page.fill("#received_on", ago(100))
    page.fill("#place_of_detention", "Kuje prison, Abuja")
    page.fill("#arrested_on", ago(130))
    page.fill("#legal_basis", "Cybercrimes Act 2015, section 24")
    page.fill("#summary", "Arrested at home after posts criticising the police; no lawyer for three weeks.")
    page.fill("#source_name", "Lagos Detainee Rights Network")
    journey.screenshot("new regular communication")
    journey.click("Receive the case")
    assert "received; its transmittal letter is drafted" in journey.flash()
    reference = re.search(r"WGAD \d+/\d{4}", journey.flash()).group(0)
    assert page.locator("h1").first.inner_text().startswith(reference)
    case_url = page.url

    take_step(journey, "Transmitted to the Government", ago(90))
    assert "Recorded." in journey.flash()
    due = shown(date.today() - timedelta(days=90) + timedelta(days=60))
    assert f"Government reply due {due}" in facts(journey)

    # The Government asked for its one extension of a month, and got it.
    page.get_by_label("Requested by, granted by").fill("Note verbale of the Mission; granted by the Chair")
    page.get_by_role("button", name=re.compile("Grant one month")).click()
    assert "now due one month later" in journey.flash(), page.locator(".error-summary, .error").all_inner_texts()
    assert "extended once" in facts(journey)
    journey.screenshot("extension granted")

    take_step(journey, "Government reply received", ago(40))
    # A step of the case's Actions panel: dated there, by the day it happened.
    actions = page.locator("form", has=page.get_by_role("button", name="Source comments received"))
    actions.locator("input[name=on]").fill(ago(20))
    journey.click("Source comments received")
    assert "Source comments received" in journey.flash()

    journey.sign_in(SUPERVISOR)
    page.goto(case_url)
    opinion = page.locator("form", has=page.get_by_role("button", name="Adopt the opinion"))
    opinion.get_by_label("Session").fill("107")
    opinion.get_by_label("Adopted on").fill(ago(10))
    opinion.get_by_label("Outcome").select_option(label="Arbitrary")
    opinion.get_by_label(re.compile("^I: ")).check()
    opinion.get_by_label(re.compile("^III: ")).check()
    journey.screenshot("opinion form")
    journey.click("Adopt the opinion")
    assert "Opinion adopted and numbered" in journey.flash()
    number = re.search(r"Opinion No\. \d+/\d{4}", page.locator("#opinion-h + dl").inner_text()).group(0)
    journey.screenshot("opinion adopted")

    assert f"Number {number}" in facts_of(journey, "opinion-h")
    assert "Outcome Arbitrary (categories I, III)" in facts_of(journey, "opinion-h")

    # The opinion's letter to the Government: drafted at adoption, signed by the Vice-Chair, who approves it.
    page.locator("section", has=page.locator("h2", has_text="Letters")).get_by_role("link", name=number).first.click()
    journey.click("Submit for approval")
    assert "Submit for approval" in journey.flash()
    letter_url = page.url
    journey.sign_in(HOLDER)
    page.goto(letter_url)
    journey.click("Approve")
    assert "Approve" in journey.flash()
    journey.screenshot("opinion letter approved")
    text = journey.download_text("Open the final PDF")
    assert number in text and "Nigeria" in text and "Chidi OKAFOR" in text and "107th session" in text
    assert "is arbitrary and falls within categories I and III." in text
    assert "Lagos Detainee Rights Network" not in text  # the source is never named to the Government

    journey.sign_in(OFFICER)
    page.goto(letter_url)
    page.get_by_label("Sent on").fill(ago(2))
    journey.click("Mark as sent")
    assert "Recorded as sent." in journey.flash()
    page.goto(case_url)
    take_step(journey, "Opinion sent to the Government", ago(2))
    assert "Recorded." in journey.flash()
    assert "Opinion sent to the Government" in page.locator(".badge-state").first.inner_text()
    journey.screenshot("opinion sent")


def test_a_disappearance_from_receipt_to_clarification(journey):
    # The six-month rule: a Government reply forwarded to the source as clarifying the case clarifies
    # it only once six months have passed without objection. No time passes here: the case is
    # recorded as the desk records steps after the fact, each on the day it took place (the forms'
    # own "On" dates), the reply forwarded eight months ago, so the six months are over today.
    journey.sign_in(OFFICER)
    journey.click("Working groups")
    journey.click("Enforced disappearances")
    journey.click("New case")
    page = journey.page
    page.fill("#family_name", "Quispe Mamani")
    page.fill("#given_names", "Rosa")
    page.select_option("#state_id", label="Peru")
    page.fill("#received_on", ago(300))
    page.fill("#disappeared_on", ago(320))
    page.fill("#place", "Ayacucho, road to Huanta")
    page.fill("#circumstances", "Taken from a bus by men in plain clothes who said they were police.")
    page.get_by_label(re.compile("^Urgent")).check()
    page.fill("#source_name", "Asociación de Familiares de Ayacucho")
    journey.click("Receive the case")
    assert "received; its letter is drafted when it is transmitted" in journey.flash()
    case_url = page.url
    assert "within three months of receipt: urgent procedure possible" in facts(journey)

    journey.sign_in(CHAIR)  # the Chair transmits urgent cases between sessions
    page.goto(case_url)
    take_step(journey, "Transmitted by the Chair (urgent procedure)", ago(298))
    assert "Recorded." in journey.flash() and "Outstanding" in page.locator(".badge-state").first.inner_text()

    journey.sign_in(OFFICER)
    page.goto(case_url)
    take_step(journey, "Government reply received", ago(260))
    take_step(journey, "Reply forwarded to the source as clarifying the case", ago(240),
              note="Held at the Ayacucho police station, then released; she has returned to her family.")
    assert "Recorded." in journey.flash()
    assert re.search(r"The source may object until \w{3} \d{1,2}, \d{4}", facts(journey))
    assert "period over: can be clarified" in facts(journey)
    journey.screenshot("six months without objection")

    take_step(journey, "Clarified on the Government's information (six-month rule)", ago(0))
    assert "Recorded." in journey.flash()
    assert "Clarified" in page.locator(".badge-state").first.inner_text()
    assert f"clarified on {shown(date.today())}" in facts(journey)
    assert "returned to her family" in facts(journey)
    journey.screenshot("clarified")
