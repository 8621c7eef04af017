"""Browser journeys: a person's main path through a procedure, in Chromium, by clicks and typing.

Each journey runs on its own copy of the demo site (tests/demo_site.py), served on a free port,
and signs in with the demo accounts. Nothing is posted by hand: every request is one the page
makes. PDFs the journey produces are downloaded through the page and read back as text.

Screenshots go to $CASEWORK_SCREENSHOTS (a folder) when it is set, for people to look at.
"""
from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pyotp
from babel.dates import format_date
import pytest
from pypdf import PdfReader

from casework.demo import DEMO_PASSWORD
from tests.conftest import CHROMIUM
from tests.demo_site import DemoSite, serving

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

# The bytes of a document, read by the tab itself (its cookies, its address for the site).
READ_BACK = "async address => Array.from(new Uint8Array(await (await fetch(address)).arrayBuffer()))"


@dataclass
class Journey:
    """One person at a time in one browser tab, on one copy of the demo site."""

    site: DemoSite
    base: str
    page: object  # playwright.sync_api.Page
    name: str
    errors: list[str] = field(default_factory=list)
    shots: int = 0

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def sign_in(self, email: str) -> None:
        """Sign out whoever is signed in, then sign in through the login page (and two-factor page).

        The page is left first: every response refreshes the session cookie, so a stylesheet of the
        last page still loading would sign the previous person back in after the cookies are cleared.
        """
        self.page.goto("about:blank")
        self.page.context.clear_cookies()
        self.go("/login")
        self.page.fill("#email", email)
        self.page.fill("#password", DEMO_PASSWORD)
        self.page.click("button[type=submit]")
        if "/login/totp" in self.page.url:
            self.page.fill("#code", pyotp.TOTP(self.site.totp_secrets[email]).now())
            self.page.click("button[type=submit]")
        assert "/login" not in self.page.url, f"{email} could not sign in"

    def click(self, text: str) -> None:
        """Press the button or follow the link with this text (the first one on the page)."""
        self.page.get_by_role("button", name=text).or_(self.page.get_by_role("link", name=text)).first.click()

    def flash(self) -> str:
        """The page's messages, once the page that says them is drawn: a click answered with a
        redirect may still be on its way when this is asked (on a loaded machine it was)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        messages = self.page.locator(".flashes")
        try:
            messages.first.wait_for(state="visible", timeout=10_000)
        except PlaywrightTimeout:
            return ""
        return " ".join(messages.all_inner_texts())

    def download_text(self, link_text: str) -> str:
        """Follow a link to a PDF as the person would and return the PDF's text, whether the browser
        downloads it or opens it in its viewer. The viewer hides the file: the person goes back to
        the page, and the tab reads the document it showed again."""
        link = self.page.get_by_role("link", name=link_text).first
        address = urljoin(self.page.url, link.get_attribute("href"))
        downloads: list = []  # listened for before the click: the download can start before the answer is read

        def on_download(download) -> None:  # a function of ours: Playwright marks its handlers
            downloads.append(download)

        self.page.on("download", on_download)
        try:
            with self.page.expect_response(address) as opened:
                link.click()
            if "attachment" in opened.value.headers.get("content-disposition", ""):
                for _ in range(100):
                    if downloads:
                        return pdf_text(Path(downloads[0].path()).read_bytes())
                    self.page.wait_for_timeout(100)
                raise AssertionError(f"{link_text!r} started no download")
        finally:
            self.page.remove_listener("download", on_download)
        self.page.go_back()
        return pdf_text(bytes(self.page.evaluate(READ_BACK, address)))

    def download(self, locator) -> bytes:
        with self.page.expect_download() as download:
            locator.click()
        return Path(download.value.path()).read_bytes()

    def screenshot(self, label: str) -> None:
        folder = os.environ.get("CASEWORK_SCREENSHOTS")
        if folder:
            self.shots += 1
            slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(folder) / f"{self.name}-{self.shots:02d}-{slug}.png"), full_page=True)


def shown(day: date) -> str:
    """A date as the pages write it for an English reader ("Nov 6, 2026")."""
    return format_date(day, "medium", locale="en")


def pdf_text(data: bytes) -> str:
    """A PDF's text with its lines run together, as assertions on phrases need it."""
    assert data.startswith(b"%PDF"), "not a PDF"
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def journey(demo_site, request) -> Iterator[Journey]:
    from playwright.sync_api import sync_playwright

    site = demo_site(request.node.name)
    host = site.app.config["SERVER_NAME"]
    with serving(site.app) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {host} 127.0.0.1"])
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        trip = Journey(site, base, page, request.node.name.removeprefix("test_"))
        page.on("pageerror", lambda error: trip.errors.append(str(error)))
        page.on("dialog", lambda dialog: dialog.accept())
        try:
            yield trip
        finally:
            browser.close()
    assert trip.errors == [], "the page's script failed"
