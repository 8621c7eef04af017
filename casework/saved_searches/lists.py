"""The lists a search may be saved from, and how a saved query string is checked when opened.

A saved query string is read against the list's filter form as the list's page builds it today,
for the reader who opens it: a key the list no longer reads, or a value its form refuses (a
status since renamed, a State that is not a choice), is dropped and named, never passed on to
fail further down. The list then runs as the reader: a saved search holds filters, never results.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, urlencode

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from casework.core.forms import Form, choices, list_filters, state_choices
from casework.core.i18n import Label
from casework.core.inputs import has_control_characters
from casework.exports.registry import get_list

Check = Callable[[str], bool]
PASSED_ON = ("sort", "dir")  # the page's order, which the pager checks itself


def _iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _text(value: str) -> bool:
    return len(value) <= 200 and not has_control_characters(value)


def _one_of(values: Callable[[], object]) -> Check:
    return lambda value: value in {str(v) for v in values()}


PERIOD: Mapping[str, Check] = {"from": _iso_date, "to": _iso_date, "dated": _text}


@dataclass(frozen=True)
class SavedList:
    """A list whose filters can be saved: its filter form as its page fills it, and the other keys
    it reads from its address (a figure's link: a period, an age of the backlog), each with a check."""

    name: str  # the exportable list's name (`casework.exports.registry`)
    label: Label
    form: Callable[[], Form]  # built and validated from the current request's query string
    extra: Mapping[str, Check] = field(default_factory=dict)

    def url(self, query: str = "") -> str:
        exportable = get_list(self.name)
        base = url_for(exportable.endpoint, **exportable.endpoint_args)
        return f"{base}?{query}" if query else base


@dataclass(frozen=True)
class Checked:
    query: str  # what is kept, as a query string
    dropped: list[str]  # the keys dropped, as saved


def check_query(saved: SavedList, query: str) -> Checked:
    """Keep what the list's filter form accepts today (see the module's docstring)."""
    pairs = parse_qsl(query or "", keep_blank_values=False)
    args = MultiDict(pairs)
    with current_app.test_request_context("/", query_string=urlencode(pairs)):
        form = saved.form()
        fields = {name: f for name, f in form._fields.items() if name != "csrf_token"}
        kept: list[tuple[str, str]] = []
        dropped: list[str] = []
        for key, value in args.items(multi=True):
            if key == "page" or value == "":
                continue
            if key in fields:
                ok = not fields[key].errors
            elif key in saved.extra:
                ok = saved.extra[key](value)
            else:
                ok = key in PASSED_ON and _text(value)
            (kept.append((key, value)) if ok else dropped.append(key))
    return Checked(urlencode(kept), sorted(set(dropped)))


def _communications_form() -> Form:
    from casework.communications.models import CommunicationStatus
    from casework.communications.queries import committees_where
    from casework.core.permissions import Permission
    from flask_login import current_user

    form = CommunicationFilters(MultiDict(_args()))
    form.committee.choices = choices([(0, _("Any"))] + [(u.id, u.code) for u in
                                                        committees_where(current_user, Permission.VIEW)])
    form.status.choices = choices([("", _("Any"))] + [(s.value, s.value) for s in CommunicationStatus])
    form.state.choices = state_choices(_("Any"))
    form.validate()
    return form


class CommunicationFilters(Form):
    """The communications list draws its filters by hand: these are its fields."""

    class Meta:
        csrf = False

    committee = SelectField(_l("Committee"), coerce=int, validators=[Optional()])
    status = SelectField(_l("Stage"), validators=[Optional()])
    state = SelectField(_l("State party"), coerce=int, validators=[Optional()])
    q = StringField(_l("Number or title"), validators=[Optional(), Length(max=200)])


def _args() -> MultiDict:
    from flask import request

    return request.args


def _urgent_actions_form() -> Form:
    from casework.urgent_actions.forms import ListFilterForm
    from casework.urgent_actions.queries import BUCKETS
    from casework.urgent_actions.workflow import URGENT_ACTION_WORKFLOW

    return list_filters(ListFilterForm(_args()), URGENT_ACTION_WORKFLOW,
                        bucket=choices([("", _("Any"))] + list(BUCKETS.items())))


def _reprisals_form() -> Form:
    from casework.reprisals.forms import ListFilterForm
    from casework.reprisals.workflow import REPRISAL_WORKFLOW

    return list_filters(ListFilterForm(_args()), REPRISAL_WORKFLOW)


def _working_group_form(workflow_name: str) -> Callable[[], Form]:
    def build() -> Form:
        from casework.working_groups import workflow as workflows
        from casework.working_groups.forms import ListFilterForm

        return list_filters(ListFilterForm(_args()), getattr(workflows, workflow_name))

    return build


def _special_procedures_form() -> Form:
    from casework.special_procedures.views import filter_form

    return filter_form()[0]


def _detention_cases_form() -> Form:
    from casework.detention.cases.forms import CaseFilterForm
    from casework.detention.filters import filter_form

    return filter_form(CaseFilterForm)[0]


def _communication_extras() -> Mapping[str, Check]:
    from casework.communications.backlog import AGES, OVERDUE_KINDS
    from casework.communications.models import DecisionType

    return {**PERIOD, "age": _one_of(lambda: AGES), "overdue": _one_of(lambda: OVERDUE_KINDS), "grade": _text,
            "decision": _one_of(lambda: [d.value for d in DecisionType])}


def saved_lists() -> dict[str, SavedList]:
    """The case lists of every procedure, by the name their exports know them by."""
    lists = [
        SavedList("communications", _l("Individual communications"), _communications_form,
                  _communication_extras()),
        SavedList("urgent_actions", _l("Urgent actions"), _urgent_actions_form,
                  {**PERIOD, "due": _text, "group": str.isdigit, "located": _text}),
        SavedList("detention_cases", _l("Individual detention cases"), _detention_cases_form,
                  {**PERIOD, "facility": str.isdigit, "q": _text}),
        SavedList("special_procedures", _l("Special-procedures communications"), _special_procedures_form,
                  {**PERIOD, "replied": _one_of(lambda: ["1"])}),
        SavedList("reprisals", _l("Reprisals"), _reprisals_form, PERIOD),
        SavedList("wgad", _l("Arbitrary detention"), _working_group_form("DETENTION_WORKFLOW"),
                  {**PERIOD, "outcome": _text}),
        SavedList("wgeid", _l("Enforced disappearances"), _working_group_form("DISAPPEARANCE_WORKFLOW"),
                  {**PERIOD, "outcome": _text, "procedure": _text}),
    ]
    return {saved.name: saved for saved in lists if get_list(saved.name) is not None}
