"""The urgent-action statistics name the States in the page's language (#19)."""
from __future__ import annotations

from datetime import date

import pytest

from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import words

MEXICO = {"fr": "Mexique", "es": "México"}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_statistics_name_the_states_in_the_pages_language(client, users, make_ua, language):
    make_ua(on=date(2025, 5, 1))
    users["viewer"].locale = language
    db.session.commit()
    sign_in(client, users["viewer"])

    page = words(client.get("/urgent-actions/statistics"))
    assert MEXICO[language] in page and "Mexico" not in page
