"""The State filters and choices built outside `core.forms` name the States in the page's language,
in that language's alphabetical order, as every other list does (#19)."""
from __future__ import annotations

import html
import re

import pytest

from casework.extensions import db
from tests.conftest import sign_in
from tests.core.test_states import IN_ORDER, five_states  # noqa: F401 - the fixture

# The page, and the select whose options name the States.
PAGES = [("/search/", "state"), ("/persons/new", "nationality_id"), ("/letters/", "state"),
         ("/special-procedures/", "state")]


def state_options(response, name: str) -> list[str]:
    """The labels of a select's options, the blank choice left out."""
    select = re.search(rf'<select[^>]* name="{name}"[^>]*>(.*?)</select>', response.get_data(as_text=True), re.S)
    assert select, name
    labels = [html.unescape(label) for label in re.findall(r"<option [^>]*>([^<]*)</option>", select.group(1))]
    return [label for label in labels if label in sum(IN_ORDER.values(), [])]


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize(("path", "name"), PAGES)
def test_a_state_filter_names_the_states_in_the_pages_language_and_order(
        client, users, five_states, path, name, language):  # noqa: F811 - the fixture
    users["admin"].locale = language
    db.session.commit()
    sign_in(client, users["admin"])

    response = client.get(path)
    assert response.status_code == 200
    assert state_options(response, name) == IN_ORDER[language]
