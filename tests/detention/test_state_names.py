"""The detention pages name countries in the page's language: the country filter of the lists and
the places of detention a visit is recorded at (#19)."""
from __future__ import annotations

import html
import re

import pytest

from casework.extensions import db
from tests.conftest import sign_in

MEXICO = {"fr": "Mexique", "es": "México"}
COLOMBIA = {"fr": "Colombie", "es": "Colombia"}


def _options(response, name: str) -> list[str]:
    select = re.search(rf'<select[^>]* name="{name}"[^>]*>(.*?)</select>', response.get_data(as_text=True), re.S)
    return [html.unescape(label) for label in re.findall(r"<option [^>]*>([^<]*)</option>", select.group(1))]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_country_filter_names_the_countries_in_the_pages_language(
        client, users, make_facility, language):
    make_facility("FO-COL"), make_facility("FO-MEX", name="Reclusorio Norte")
    users["admin"].locale = language
    db.session.commit()
    sign_in(client, users["admin"])

    assert _options(client.get("/detention/"), "country")[1:] == [COLOMBIA[language], MEXICO[language]]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_visit_is_recorded_at_a_place_named_with_its_country_in_the_pages_language(
        client, users, make_facility, language):
    make_facility("FO-MEX", name="Reclusorio Norte")
    users["outsider"].locale = language
    db.session.commit()
    sign_in(client, users["outsider"])

    [place] = [o for o in _options(client.get("/detention/visits/new"), "facility_id") if "Reclusorio" in o]
    assert place.startswith(f"{MEXICO[language]} — Reclusorio Norte")
