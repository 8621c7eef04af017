"""The statistics' column headings are in the reader's language."""
from __future__ import annotations

from tests.conftest import sign_in


def test_the_statistics_headings_are_in_spanish_for_a_spanish_reader(client, users, make_ua):
    make_ua()
    sign_in(client, users["viewer"])
    page = client.get("/urgent-actions/statistics", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Localizada con vida" in page and "Personas localizadas" in page
    assert ">Located alive<" not in page and ">Persons located<" not in page


def test_a_states_share_is_written_as_the_readers_language_writes_a_percentage(client, users, make_ua):
    make_ua()
    sign_in(client, users["viewer"])
    french = client.get("/urgent-actions/statistics", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    english = client.get("/urgent-actions/statistics", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "100,0\u00a0%" in french and "100.0%" in english
