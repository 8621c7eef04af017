"""Importing a CSV file as a browser does: the form the import page draws, then the choice to
import the valid rows only, as the page that lists the bad rows draws it. Shared by the import
tests of every procedure."""
from __future__ import annotations

import html
import io
import re

from tests.conftest import sign_in
from tests.pages import read_page


def signed_in(app, user):
    """A browser of its own, signed in as `user`."""
    client = app.test_client()
    sign_in(client, user)
    return client


def _drawn(response, form_id: str) -> dict[str, list[str]]:
    form = next(f for f in read_page(response).forms if f["id"] == form_id)
    values: dict[str, list[str]] = {}
    for name, value in form["fields"]:
        values.setdefault(name, []).append(value)
    return values


def upload(client, url: str, content: str, **chosen: str):
    """Get the import page, fill in its form (the file; the unit if `chosen`) and send it."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data: dict = {**_drawn(page, "upload"), **chosen}
    data["file"] = (io.BytesIO(content.encode()), "legacy.csv")
    return client.post(url, data=data, content_type="multipart/form-data")


def import_valid_rows_only(client, url: str, checked):
    """Press "Import the N valid rows only" on the page that listed the bad rows."""
    form = next(f for f in read_page(checked).forms if f["id"] == "valid-rows-only")
    assert [b["label"] for b in form["buttons"]][0].startswith("Import the "), form["buttons"]
    data = {name: value for name, value in form["fields"]}
    return client.post(url, data=data, content_type="multipart/form-data")


def listed(response) -> dict[int, str]:
    """The bad rows the page lists: line → reason."""
    page = response.get_data(as_text=True)
    return {int(line): html.unescape(reason) for line, reason in re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td></tr>", page)}
