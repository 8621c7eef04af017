"""The app's forms draw their selects as WTForms does, option for option."""
from __future__ import annotations

import pytest
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Select

from casework.core.forms import Form, QuickSelect, choices

CHOICES = choices([("", "Any"), ("CI", "Côte d'Ivoire"), ("A&B", "<Antigua & Barbuda>"), ("7", 'The "seventh"')])


class _Filters(Form):
    class Meta:
        csrf = False

    state = SelectField(choices=CHOICES)
    number = SelectField(coerce=int, choices=choices([(1, "One"), (2, "Two")]))
    states = SelectMultipleField(choices=CHOICES)
    grouped = SelectField(choices=[SelectChoice("CH", "Switzerland", optgroup="Members"),
                                   SelectChoice("VA", "Holy See", optgroup="Observers")])


@pytest.mark.parametrize("data", [{}, {"state": "A&B", "number": 2, "states": ["CI", "7"], "grouped": "VA"}])
def test_a_select_is_drawn_as_wtforms_draws_it(app, data):
    with app.test_request_context("/"):
        form = _Filters(data=data)
        for field in form:
            plain = Select(multiple=field.widget.multiple)(field)
            assert str(field()) == str(plain)
            assert isinstance(field.widget, QuickSelect)  # drawn by the quick writer, not by WTForms


def test_an_option_with_attributes_of_its_own_keeps_them(app):
    with app.test_request_context("/"):
        field = _Filters().state
        field.choices = [SelectChoice("CI", "Côte d'Ivoire", render_kw={"disabled": True})]
        assert '<option disabled value="CI">Côte d&#39;Ivoire</option>' in str(field())
