"""Committees and mandates go by their official UN names in the page's language (#19)."""
from __future__ import annotations

import pytest
from flask_babel import force_locale

from casework.core.reference import COMMITTEES, MANDATES
from casework.core.units import OFFICIAL_NAMES, Unit, UnitKind
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import text

CCPR = {"en": "Human Rights Committee", "fr": "Comité des droits de l'homme", "es": "Comité de Derechos Humanos"}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_committee_is_named_in_the_pages_language(client, users, language):
    users["supervisor"].locale = language
    db.session.commit()
    sign_in(client, users["supervisor"])
    page = text(client.get("/communications/backlog"))
    assert f'<span class="subtitle">{CCPR[language]}</span>' in page


def test_every_standing_committee_and_mandate_has_its_french_and_spanish_name(app):
    for code, english in {**COMMITTEES, **MANDATES}.items():
        names = OFFICIAL_NAMES[code]
        assert names["en"] == english, code
        assert names["fr"] and names["es"] and names["fr"] != english and names["es"] != english, code


def test_a_renamed_unit_and_a_field_office_keep_their_own_names(app):
    renamed = Unit(code="CAT", name="CAT (pre-sessional working group)", kind=UnitKind.COMMITTEE)
    office = Unit(code="OHCHR-CO", name="Oficina en Colombia", kind=UnitKind.FIELD_OFFICE)
    with force_locale("fr"):
        assert renamed.shown_name == "CAT (pre-sessional working group)"
        assert office.shown_name == "Oficina en Colombia"
        assert Unit(code="CAT", name="Committee against Torture").shown_name == "Comité contre la torture"
