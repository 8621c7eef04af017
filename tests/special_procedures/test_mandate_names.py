"""Special-procedures pages name a mandate by its official name in the page's language while it
keeps its unit's standard English name, and by its own words once renamed (#19)."""
from __future__ import annotations

import pytest

from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import text, words

TORTURE = {"fr": "Rapporteur spécial sur la torture et autres peines ou traitements cruels, inhumains ou dégradants",
           "es": "Relator Especial sobre la tortura y otros tratos o penas crueles, inhumanos o degradantes"}
THEMATIC = {"fr": "thématique", "es": "temático"}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_mandates_page_names_the_mandates_in_the_pages_language(client, users, mandates, language):
    users["viewer"].locale = language
    db.session.commit()
    sign_in(client, users["viewer"])

    page = text(client.get("/special-procedures/mandates"))
    # The holder's title stays as signed; the mandate's own cell and kind are in the page's language.
    assert f"<tr><td>{TORTURE[language]}</td><td>{THEMATIC[language]}</td>" in page


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_mandate_filter_lists_the_mandates_in_the_pages_language(client, users, mandates, language):
    mandates["SR-JUDGES"].name = "Special Rapporteur on judges (renamed)"
    users["viewer"].locale = language
    db.session.commit()
    sign_in(client, users["viewer"])

    page = words(client.get("/special-procedures/"))
    assert TORTURE[language] in page and "Special Rapporteur on judges (renamed)" in page
