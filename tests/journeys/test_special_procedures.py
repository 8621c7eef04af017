"""Special procedures in the browser: a joint allegation letter from the desk's draft to the public
register, and a circular to every Permanent Mission with the figures and a list export beside it."""
from __future__ import annotations

import base64
import csv
import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from pypdf import PdfWriter

from tests.journeys.conftest import pdf_text

pytestmark = pytest.mark.browser

OFFICER, SUPERVISOR = "sp.officer@ohchr.example.org", "sp.supervisor@ohchr.example.org"
COSIGNERS = {  # mandate as listed → its holder's demo account (the torture mandate is the supervisor's)
    "Special Rapporteur on extrajudicial, summary or arbitrary executions": "sr-executions.holder@ohchr.example.org",
    "Special Rapporteur on the independence of judges and lawyers": "sr-judges.holder@ohchr.example.org",
    "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment": SUPERVISOR,
}
SUBJECT = "the killing of a journalist in Sinaloa"
SOURCE = "Red de Periodistas del Noroeste (contact: the desk's encrypted line)"


FETCH_AS_BASE64 = """async () => {
  const bytes = new Uint8Array(await (await fetch(location.href)).arrayBuffer());
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""


def _blank_pdf() -> bytes:
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def _open_pdf(journey, locator) -> bytes:
    """Follow a link to a PDF as the person does and return the PDF the browser shows.

    The letters open inline, in Chromium's PDF viewer, whose page holds the viewer rather than the
    file: the browser reads the file again from the address it shows, as "Save" in the viewer
    would. Then the person comes back to the page they were on."""
    page = journey.page
    with page.expect_response(lambda r: r.headers.get("content-type", "").startswith("application/pdf")):
        locator.click()
    data = base64.b64decode(page.evaluate(FETCH_AS_BASE64))
    page.go_back()
    return data


def _case_page(journey, subject: str) -> None:
    """Open the letter from the desk's list, as the person would find it."""
    journey.go("/special-procedures/")
    journey.page.get_by_role("row").filter(has_text=subject).get_by_role("link").first.click()


def test_a_joint_letter_from_draft_to_the_public_register(journey):
    page = journey.page
    journey.sign_in(OFFICER)
    journey.go("/special-procedures/")
    journey.click("New communication")
    page.select_option("#lead_mandate_id", label="Special Rapporteur on the situation of human rights defenders")
    page.select_option("#comm_type", value="AL")
    page.fill("#title", SUBJECT)
    page.select_option("#state_ids", label="Mexico")
    page.fill("#summary", "According to the information received, Mr. Luis Ortega Beltrán, a journalist covering "
                          "disappearances, was shot dead outside his home on 2 March.\n\nHe had received threats "
                          "and had asked for protection.")
    page.fill("#questions", "Please provide any additional information on the allegations.\n"
                            "Please indicate the measures taken to investigate the killing.")
    page.fill("#themes", "Journalists; right to life")
    page.fill("#source", SOURCE)
    journey.screenshot("new letter filled in")
    journey.click("Save the draft")
    assert "Draft saved" in journey.flash()

    page.get_by_text("Add an alleged victim").click()
    page.fill("#family_name", "Ortega Beltrán")
    page.fill("#given_names", "Luis")
    page.select_option("#sex", label="Male")
    page.fill("#profession", "Journalist")
    page.check("#defender")
    journey.click("Add")
    assert "Alleged victim added." in journey.flash()

    page.select_option("#mandate_ids", label=list(COSIGNERS))
    journey.click("Invite")
    assert "Mandates invited" in journey.flash()
    journey.click("Send to the co-signing mandates")
    assert "In co-signature" in page.locator(".case-head").inner_text()
    journey.screenshot("in co-signature")

    for mandate, holder in COSIGNERS.items():
        journey.sign_in(holder)
        journey.go("/special-procedures/")
        page.get_by_role("link", name="To co-sign").first.click()
        page.get_by_role("row").filter(has_text=mandate).get_by_role("link", name=re.compile(SUBJECT)).click()
        if holder != SUPERVISOR:  # the desk's own supervisor holds the torture mandate and sees the source
            assert "Known only to the lead desk." in page.content() and SOURCE not in page.content()
        decision = page.locator("form", has_text=f"Your decision for {mandate}")
        decision.get_by_label("Decision").select_option(label="Approve and co-sign")
        decision.get_by_role("button", name="Record the decision").click()
        assert "Co-signature approved." in journey.flash(), holder
    journey.screenshot("co-signed by every mandate")

    journey.sign_in(SUPERVISOR)
    _case_page(journey, SUBJECT)
    journey.click("Approve as lead mandate")
    assert "Approved, ready to send" in page.locator(".case-head").inner_text()

    journey.sign_in(OFFICER)
    _case_page(journey, SUBJECT)
    journey.click("Send: allocate the references and produce the letters")
    assert "Sent. The references are allocated" in journey.flash(), page.locator("main").inner_text()
    reference = page.locator("h1").inner_text().split(SUBJECT)[0].strip()
    assert re.fullmatch(rf"AL MEX \d+/{date.today().year}", reference), reference
    journey.screenshot("sent")
    letter = pdf_text(_open_pdf(journey, page.get_by_role("link", name="PDF as sent")))
    assert reference in letter and "Mexico" in letter
    for mandate in ("Special Rapporteur on the situation of human rights defenders", *COSIGNERS):
        assert mandate in letter, mandate
    assert "Ortega Beltrán".upper() in letter.upper() and SOURCE not in letter

    page.get_by_text("Record a reply").click()
    page.select_option("#addressee_id", label="Mexico")
    page.select_option("#language", label="Spanish")
    page.set_input_files("#file", files=[{"name": "respuesta-mexico.pdf", "mimeType": "application/pdf",
                                          "buffer": _blank_pdf()}])
    journey.click("Record")
    assert "Reply recorded." in journey.flash()
    assert "respuesta-mexico.pdf" in page.locator("#rep-h + table").inner_text()

    # Time cannot pass in a browser: operations staff run the daily publication by hand with a day
    # 61 days on. This command is the journey's one step that is not a page.
    later = (date.today() + timedelta(days=61)).isoformat()
    result = journey.site.app.test_cli_runner().invoke(args=["special-procedures", "publish-due", "--today", later])
    assert result.exit_code == 0 and "published:" in result.output and reference in result.output, result.output

    page.goto("about:blank")  # the public, signed in as nobody
    page.context.clear_cookies()
    journey.go("/special-procedures/public/")
    row = page.get_by_role("row").filter(has_text=reference)
    assert row.count() == 1
    shown = row.inner_text()
    assert SUBJECT in shown and "Special Rapporteur on the independence of judges and lawyers" in shown
    assert "Mexico" in shown and "Reply" in shown and SOURCE not in page.content()
    journey.screenshot("public register")
    public_letter = pdf_text(_open_pdf(journey, row.get_by_role("link", name="Letter")))
    assert reference in public_letter and "L.O.B." in public_letter and "Ortega" not in public_letter
    reply = _open_pdf(journey, row.get_by_role("link", name="Reply"))
    assert reply.startswith(b"%PDF")


def test_a_circular_to_every_mission_the_key_figures_and_a_list_export(journey):
    page = journey.page
    journey.sign_in("ccpr.officer@ohchr.example.org")
    journey.go("/letters/")
    journey.click("New circular")
    page.select_option("#letter_type", value="circular_note_verbale")
    page.select_option("#unit_id", label="CCPR — Human Rights Committee")
    journey.click("Start the draft")
    page.fill("#subject", "Call for input on the follow-up to Views")
    page.fill("#reference", "CCPR/NV/2026/9")
    page.check("#all_missions")
    page.fill("#body", "invite them to submit, by 31 January 2027, information on the measures taken to give "
                       "effect to the Views adopted concerning their State.")
    journey.click("Save")
    assert "Letter saved." in journey.flash()
    journey.click("Submit for approval")
    journey.screenshot("circular submitted")

    journey.sign_in("ccpr.supervisor@ohchr.example.org")
    journey.go("/letters/")
    page.get_by_role("link", name="CCPR/NV/2026/9").click()
    journey.click("Approve")
    page.get_by_role("link", name="Open the final PDF").wait_for()
    with page.expect_navigation(timeout=600_000):  # one PDF per Mission, rendered before the page answers
        page.get_by_role("button", name="Make one copy per Mission").click(timeout=600_000)
    page.get_by_role("link", name="Download all (zip)").wait_for(timeout=600_000)
    journey.screenshot("copies per mission")
    archive = zipfile.ZipFile(io.BytesIO(journey.download(page.get_by_role("link", name="Download all (zip)"))))
    names = archive.namelist()
    assert len(names) > 150 and "CCPR-NV-2026-9_MEX.pdf" in names, names[:5]
    mexico = pdf_text(archive.read("CCPR-NV-2026-9_MEX.pdf"))
    assert "presents its compliments to the Permanent Mission of Mexico" in mexico and "CCPR/NV/2026/9" in mexico
    assert "Permanent Mission of Iraq" not in mexico

    page.get_by_role("link", name="Key figures").first.click()
    journey.click("Show the year")
    journey.screenshot("key figures")
    figures = pdf_text(_open_pdf(journey, page.get_by_role("link", name="Print as PDF")))
    year = date.today().year
    assert f"Key figures, {year}" in figures and f"Jan 1, {year} to Dec 31, {year}" in figures

    journey.go("/letters/")
    rows = list(csv.reader(io.StringIO(journey.download(page.get_by_role("button", name="Export CSV"))
                                       .decode("utf-8-sig"))))
    assert any("CCPR/NV/2026/9" in cell for row in rows[1:] for cell in row), rows[:3]
    assert all("None" not in row and "[" not in "".join(row) for row in rows), rows[:3]
