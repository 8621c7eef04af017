"""The search page: one box over every module, with filters, results labelled by kind."""
from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from casework.core.cases import Case
from casework.core.states import named_in_order
from casework.core.units import Unit
from casework.core.i18n import enum_label
from casework.core.workflow import Workflow, workflow_for
from casework.core.writes import Refused
from casework.extensions import db
from casework.search.forms import SearchForm
from casework.search.models import SearchDocument
from casework.search.query import CANDIDATES, search
from casework.search.sources import all_sources
from casework.search.text import highlight

bp = Blueprint("search", __name__, url_prefix="/search")

MODULE_LABELS = {
    "communications": _l("Treaty-body communications"), "urgent_actions": _l("Urgent actions"),
    "detention": _l("Detention visits"), "special_procedures": _l("Special procedures"),
    "reprisals": _l("Reprisals"), "working_groups": _l("Working groups"), "letters": _l("Letters"),
    "persons": _l("Persons"),
}
KIND_LABELS = {"case": _l("Case"), "letter": _l("Letter"), "reply": _l("Reply"), "person": _l("Person")}


def _workflows() -> Iterator[tuple[str, str, Workflow]]:
    """(kind, module, workflow) of every indexed kind of record that has a workflow."""
    for source in all_sources():
        if source.kind not in ("case", "letter"):
            continue
        try:
            yield source.kind, source.module, workflow_for(
                SimpleNamespace(case_type=source.model.__mapper__.polymorphic_identity))
        except Refused:
            continue


def _status_choices() -> list[tuple[str, str]]:
    """Every state of every indexed kind of case, in the words of its workflow."""
    seen: dict[str, str] = {}
    for _kind, _module, workflow in _workflows():
        for state in workflow.states:
            seen.setdefault(state.value, workflow.state_label(state.value))
    return sorted(seen.items(), key=lambda item: str(item[1]))


def _status_of(document: SearchDocument) -> str:
    """A result's state in the words its own list uses (its workflow's label)."""
    if not document.status:
        return ""
    for kind, module, workflow in _workflows():
        if (kind, module) == (document.kind, document.module):
            return str(workflow.state_label(document.status))
    return str(enum_label(document.status))


def _form() -> SearchForm:
    form = SearchForm(request.args)
    anything = [("", _("Any"))]
    modules = dict.fromkeys(source.module for source in all_sources())
    form.module.choices = anything + [(m, str(MODULE_LABELS.get(m, m))) for m in modules]
    form.kind.choices = anything + [(k, str(label)) for k, label in KIND_LABELS.items()]
    form.state.choices = anything + [(str(state_id), name) for state_id, name in named_in_order()]
    form.status.choices = anything + _status_choices()
    units = db.session.scalars(select(Unit).where(Unit.active).order_by(Unit.code)).all()
    form.unit.choices = anything + [(str(u.id), str(u)) for u in units]
    return form


def _case_id(document: SearchDocument) -> int | None:
    """The case a result leads to: the case or letter itself, the communication a reply answers."""
    if document.kind == "person":
        return None
    return document.case_id if document.kind == "reply" else document.object_id


def _links(documents: list[SearchDocument]) -> dict[int, str]:
    """Where each result leads: the person's page, or its case's, the cases of the page read in one query."""
    wanted = {_case_id(document) for document in documents} - {None}
    cases = {case.id: case for case in db.session.scalars(select(Case).where(Case.id.in_(wanted)))} if wanted else {}
    links = {}
    for document in documents:
        if document.kind == "person":
            links[document.id] = url_for("persons.detail", person_id=document.object_id)
        else:
            case = cases.get(_case_id(document))
            links[document.id] = case.url if case is not None else url_for("search.index")
    return links


@bp.route("/")
def index():
    form = _form()
    results = None
    if form.validate() and form.q.data:
        results = search(current_user, form.q.data, form.filters(), request.args.get("page", 1, type=int))
    links = _links(results.hits) if results else {}
    statuses = {doc.id: _status_of(doc) for doc in results.hits} if results else {}
    return render_template("search/results.html", form=form, results=results, links=links, statuses=statuses,
                           page_url=_page_url, candidates=CANDIDATES, module_labels=MODULE_LABELS,
                           kind_labels=KIND_LABELS, highlight=highlight), 400 if form.errors else 200


def _page_url(page: int) -> str:
    """The same search and filters, another page."""
    return url_for("search.index", **{**request.args.to_dict(), "page": page})
