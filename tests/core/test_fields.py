"""The workflow's refusals name the fields to fill in by their labels, in the reader's language."""
from __future__ import annotations

import pytest
from flask_babel import force_locale

from casework.core.workflow import fire
from casework.core.writes import Refused


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Fill in “Reference” before “Submit for approval”."),
    ("fr", "Remplissez «\u00a0Référence\u00a0» avant «\u00a0Submit for approval\u00a0»."),
    ("es", "Complete “Referencia” antes de “Submit for approval”."),
])
def test_a_missing_field_is_named_by_its_label_in_the_readers_language(users, make_case, language, expected):
    case = make_case(reference=None)
    with force_locale(language), pytest.raises(Refused) as refused:
        fire(case, "submit", users["officer"])
    assert str(refused.value) == expected
    assert "reference" not in str(refused.value)
