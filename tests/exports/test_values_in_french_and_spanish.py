"""Export values are written in the language of the user who asked for the export, as the pages
write them: the State, where a release is counted, the WGAD opinion and its outcome, the WGEID
procedure (#19)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from casework.detention.exports import DETENTION_RELEASES_LIST, DETENTION_VISITS_LIST
from casework.working_groups.exports import WGAD_LIST, WGEID_LIST
from casework.working_groups.models import Outcome, Procedure

IN = {
    "fr": {"Country": "Mexique", "Counted": ["dans le relevé n° 7", "séparément"],
           "Opinion": "Avis no 12/2026", "Outcome": "Non arbitraire", "Procedure": "Procédure d'urgence"},
    "es": {"Country": "México", "Counted": ["en el registro n.º 7", "por separado"],
           "Opinion": "Opinión núm. 12/2026", "Outcome": "No arbitraria", "Procedure": "Procedimiento de urgencia"},
}


def _written(exportable, header: str, record, language: str) -> str:
    """The value of the column headed `header` (in English) for `record`, as an export in `language` writes it."""
    with force_locale("en"):
        [column] = [c for c in exportable.columns if str(c.header) == header]
    with force_locale(language):
        return str(column.value(record))


@pytest.mark.parametrize("language", ["fr", "es"])
def test_detention_exports_name_the_country_and_say_where_a_release_is_counted(app, states, language):
    visit = SimpleNamespace(facility=SimpleNamespace(state=states["MEX"]))
    covered, alone = SimpleNamespace(covered_by=SimpleNamespace(aggregate_id=7)), SimpleNamespace(covered_by=None)
    assert _written(DETENTION_VISITS_LIST, "Country", visit, language) == IN[language]["Country"]
    assert [_written(DETENTION_RELEASES_LIST, "Counted", release, language) for release in (covered, alone)] \
        == IN[language]["Counted"]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_working_group_exports_write_the_state_opinion_outcome_and_procedure(app, states, language):
    opinion = SimpleNamespace(number=12, year=2026, outcome=Outcome.NOT_ARBITRARY, category_list=[])
    wgad = SimpleNamespace(opinion=opinion, state=states["MEX"])
    assert [_written(WGAD_LIST, header, wgad, language) for header in ("State", "Opinion", "Outcome")] \
        == [IN[language]["Country"], IN[language]["Opinion"], IN[language]["Outcome"]]
    disappearance = SimpleNamespace(procedure=Procedure.URGENT)
    assert _written(WGEID_LIST, "Procedure", disappearance, language) == IN[language]["Procedure"]
