"""The months of the figures' charts and tables are named in the page's language, by Babel."""
from __future__ import annotations

import pytest

from casework.figures.period import Period
from casework.figures.sections import month_labels


@pytest.mark.parametrize(("language", "january"), [("en", "Jan"), ("fr", "janv."), ("es", "ene")])
def test_the_months_of_a_year_are_named_in_the_pages_language(app, language, january):
    with app.test_request_context("/figures", headers={"Accept-Language": language}):
        labels = month_labels(Period.year(2026))
    assert len(labels) == 12 and labels[0] == january
