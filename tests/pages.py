"""Reading pages as a browser does: the forms it would submit, its buttons and links.

Shared by the tests of every module that drives pages through the test client.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from sqlalchemy import event

from casework.extensions import db

class _Page(HTMLParser):
    """The forms of a page (what a browser would submit, and its buttons) and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[tuple[str, str]] = []
        self._form: dict | None = None
        self._textarea: list | None = None
        self._select: dict | None = None
        self._button: dict | None = None
        self._link: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "id": a.get("id"), "fields": [], "buttons": []}
            self.forms.append(self._form)
        elif tag == "a" and "href" in a:
            self._link = [a["href"], ""]
        elif self._form is None:
            return
        elif tag == "input" and "name" in a:
            kind = a.get("type", "text")
            if kind not in ("checkbox", "radio", "submit", "file") or ("checked" in a and kind != "file"):
                self._form["fields"].append((a["name"], a.get("value", "y" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select = {"name": a["name"], "multiple": "multiple" in a, "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append((a.get("value", ""), "selected" in a))
        elif tag == "button":
            self._button = {"label": "", "formaction": a.get("formaction"), "disabled": "disabled" in a}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._button is not None:
            self._button["label"] += data
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[1].strip(), self._link[0]))
            self._link = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            # HTML drops the newline that follows <textarea>; browsers then submit CRLF line ends.
            value = value[2:] if value.startswith("\r\n") else value[1:] if value.startswith("\n") else value
            self._form["fields"].append((name, value))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._select["options"] if selected]
            if not chosen and not self._select["multiple"] and self._select["options"]:
                chosen = [self._select["options"][0][0]]
            self._form["fields"].extend((self._select["name"], v) for v in chosen)
            self._select = None
        elif tag == "button" and self._button is not None:
            self._button["label"] = " ".join(self._button["label"].split())
            self._form["buttons"].append(self._button)
            self._button = None


def read_page(response) -> _Page:
    page = _Page()
    page.feed(response.get_data(as_text=True))
    return page


def form_with(response, field: str) -> dict[str, list[str]]:
    """What the browser submits from the page's form that has `field`: name → values."""
    for form in read_page(response).forms:
        if any(name == field for name, _value in form["fields"]):
            values: dict[str, list[str]] = {}
            for name, value in form["fields"]:
                values.setdefault(name, []).append(value)
            return values
    raise AssertionError(f"no form with a {field!r} field on the page")


def buttons(response) -> list[str]:
    """The labels of the enabled buttons of every form on the page."""
    return [b["label"] for f in read_page(response).forms for b in f["buttons"] if not b["disabled"]]


def link(response, label: str) -> str | None:
    """Where the link labelled `label` leads, or None if the page has no such link."""
    return next((href for text, href in read_page(response).links if text == label), None)


def cases_linked(response) -> list[str]:
    """The ids of the cases a page links to, in the page's order, each once."""
    return list(dict.fromkeys(re.findall(r'href="/cases/(\d+)"', response.get_data(as_text=True))))


def rows_by_next(client, address: str, rows: Callable[[Any], list[str]]) -> list[str]:
    """The `rows` of the list at `address` as a reader reaches them: its first page, then "Next" to
    the end."""
    page = client.get(address)
    seen = rows(page)
    while (following := link(page, "Next →")) is not None:
        page = client.get(following)
        seen += rows(page)
    return seen


def rows_by_number(client, address: str, rows: Callable[[Any], list[str]], pages: int) -> list[str]:
    """The `rows` of pages 1 to `pages` of the list at `address`, each page by its number, as typed
    into the address."""
    return [row for number in range(1, pages + 1) for row in rows(client.get(f"{address}&page={number}"))]


def text(response) -> str:
    """The page's markup with entities decoded, for assertions on words with apostrophes."""
    return html.unescape(response.get_data(as_text=True))


def words(response) -> str:
    """The page's words as a reader sees them: tags left out, entities decoded, spaces run together
    (and none left inside brackets, where a tag stood next to one)."""
    spaced = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", spaced))


def statements_sent(client, url: str) -> int:
    """The SQL statements one request of `url` sends, with what the test loaded expired (as in a
    server, where each request loads its records afresh)."""
    db.session.expire_all()
    sent = []

    def count(*_args) -> None:
        sent.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(sent)
