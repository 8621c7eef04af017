"""The key figures' charts name the States in the page's language (#19)."""
from __future__ import annotations

import pytest
from flask_babel import force_locale

from tests.figures.test_figures import _figures

MEXICO = {"fr": "Mexique", "es": "México"}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_charts_per_state_name_the_states_in_the_pages_language(app, world, users, language):
    with force_locale(language):
        _, charts = _figures(app, users["admin"])
    mexico = MEXICO[language]
    assert charts["urgent_actions_by_state"].labels == [mexico, "Iraq"]
    assert charts["letters_per_state"].labels == ["Iraq", mexico]
    assert charts["releases_by_country"].labels == [mexico]
    assert charts["reprisals_by_country"].labels == [mexico, "Iraq"]


@pytest.mark.parametrize(("language", "not_located"), [("fr", "Non localisée"), ("es", "No localizada")])
def test_the_outcomes_of_the_urgent_actions_chart_read_in_the_pages_language(app, world, users, language,
                                                                            not_located):
    with force_locale(language):
        _, charts = _figures(app, users["admin"])
    assert not_located in [series.name for series in charts["urgent_actions_by_state"].series]
