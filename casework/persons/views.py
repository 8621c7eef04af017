"""The persons registry: search, register, edit, and one page per person across procedures."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casework.cases.lookup import origin_of_request
from casework.core import audit
from casework.core.forms import choices, state_choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, units_where
from casework.core.persons import Person, can_edit_person, can_view_person, cases_of
from casework.core.writes import again_on, write
from casework.extensions import db
from casework.persons.forms import PersonForm, PersonSearchForm
from casework.persons.lookup import find_persons, picker_label
from casework.persons.operations import save_person
from casework.persons.queries import LIST_SORTS, persons_from_args

bp = Blueprint("persons", __name__, url_prefix="/persons")

def _load(person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None or not can_view_person(current_user, person):
        abort(404)
    return person


def _form(person: Person | None = None) -> PersonForm:
    form = PersonForm(obj=person)
    if person is not None and request.method == "GET":
        form.other_names.data = "\n".join(f"{n.name} | {n.script}" if n.script else n.name for n in person.names)
    form.nationality_id.choices = state_choices(_("Unknown"))
    form.unit_id.choices = choices((u.id, str(u)) for u in units_where(current_user, Permission.EDIT))
    return form


@bp.route("/")
def index():
    search = PersonSearchForm(request.args)
    search.validate()
    page = paginate(persons_from_args(current_user, request.args), sorts=LIST_SORTS, default_sort="name",
                    key=Person.__table__.c.id)
    can_register = bool(units_where(current_user, Permission.EDIT))
    return render_template("persons/index.html", page=page, search=search, can_register=can_register)


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = _form()
    if not form.unit_id.choices:
        abort(403)
    return _save(None, form, lambda person: _("%(name)s registered.", name=person.full_name))


@bp.route("/lookup")
def lookup():
    """JSON for the person picker: each person's number and name, nothing else (`persons.lookup`)."""
    found = find_persons(current_user, request.args.get("q", ""), origin_of_request())
    return jsonify([{"value": person.id, "label": picker_label(person)} for person in found])


@bp.route("/<int:person_id>")
def detail(person_id: int):
    person = _load(person_id)
    if person.protected_identity:
        audit.record(audit.AuditAction.VIEW, obj=person)
        db.session.commit()
    return render_template(
        "persons/detail.html", person=person, links=cases_of(person, current_user),
        can_edit=can_edit_person(current_user, person),
    )


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
def edit(person_id: int):
    person = _load(person_id)
    if not can_edit_person(current_user, person):
        abort(403)
    return _save(person, _form(person), lambda _person: _("Changes saved."))


def _save(person: Person | None, form: PersonForm, done: Callable[[Person], str]):
    again = again_on("persons/form.html", form=form, person=person)
    return write(lambda: save_person(person, form.data, form.other_name_pairs()), form=form, again=again, done=done,
                 to=lambda saved: url_for("persons.detail", person_id=saved.id))
