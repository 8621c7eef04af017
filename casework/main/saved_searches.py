"""The pages of saved searches: save one from a list, open it, rename, share or delete it.

The routes hang on the main blueprint; `casework.main.views` imports this module, so that they are registered with it.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casework.cases.forms import ConfirmForm
from casework.core.writes import again_on, write
from casework.extensions import db
from casework.main.blueprint import bp
from casework.saved_searches import operations as ops
from casework.saved_searches.forms import NameForm, SaveForm
from casework.saved_searches.lists import check_query, saved_lists
from casework.saved_searches.models import SavedSearch


def current_query() -> str:
    """The list's filters as its address has them, without the page number."""
    return urlencode([(k, v) for k, v in request.args.items(multi=True) if k != "page" and v != ""])


@bp.app_context_processor
def _saved_search_helpers() -> dict:
    def searches_for(list_name: str) -> list[SavedSearch]:
        return list(db.session.scalars(ops.readable(current_user, list_name))) if current_user.is_authenticated else []

    def save_form(list_name: str) -> SaveForm:
        form = SaveForm(formdata=None, list_name=list_name, query=current_query())
        return form.share_choices(current_user)

    return {"saved_searches_for": searches_for, "save_search_form": save_form}


def readable_searches(limit: int | None = None) -> list[SavedSearch]:
    """The signed-in user's saved searches and those shared with their units, by name."""
    return list(db.session.scalars(ops.readable(current_user).limit(limit)))


def _found(search_id: int) -> SavedSearch:
    search = ops.find(current_user, search_id)
    if search is None:
        abort(404)
    return search


@bp.route("/saved-searches")
def saved_searches():
    return render_template("main/saved_searches.html", searches=readable_searches(), lists=saved_lists(),
                           delete_form=ConfirmForm())


@bp.route("/saved-searches/new", methods=["GET", "POST"])
def save_search():
    """"Save this search" from a list (its page posts here); drawn as a page of its own again
    when the name is missing, with what was typed kept."""
    form = SaveForm(list_name=request.args.get("list", ""), query=request.args.get("query", ""))
    form.share_choices(current_user)
    saved = saved_lists().get(form.list_name.data or "")
    again = again_on("main/saved_search_form.html", form=form, saved=saved, search=None)
    return write(lambda: ops.save(current_user, form.name.data, form.list_name.data, form.query.data or "",
                                  form.unit.data or None),
                 form=form, field=form.name, again=again,
                 to=lambda search: url_for("main.open_saved_search", search_id=search.id),
                 done=lambda search: _("Search “%(name)s” saved.", name=search.name))


@bp.route("/saved-searches/<int:search_id>")
def open_saved_search(search_id: int):
    """Run a saved search: its filters, checked against the list's form today, on the list as the
    reader sees it."""
    search = _found(search_id)
    saved = saved_lists().get(search.list_name)
    if saved is None:
        flash(_("The list this search was saved from no longer exists."), "danger")
        return redirect(url_for("main.saved_searches"), 303)
    checked = check_query(saved, search.query)
    if checked.dropped:
        flash(_("Some filters of “%(name)s” no longer apply and were left out: %(keys)s.", name=search.name,
                keys=", ".join(checked.dropped)), "warning")
    return redirect(saved.url(checked.query), 303)


@bp.route("/saved-searches/<int:search_id>/edit", methods=["GET", "POST"])
def edit_saved_search(search_id: int):
    search = _found(search_id)
    if search.owner_id != current_user.id:
        abort(403)
    form = NameForm(obj=search, unit=search.unit_id or 0).share_choices(current_user)
    again = again_on("main/saved_search_form.html", form=form, saved=saved_lists().get(search.list_name),
                     search=search)
    return write(lambda: ops.rename(current_user, search, form.name.data, form.unit.data or None),
                 form=form, field=form.name, again=again, to=url_for("main.saved_searches"),
                 done=lambda found: _("Search “%(name)s” saved.", name=found.name))


@bp.route("/saved-searches/<int:search_id>/delete", methods=["POST"])
def delete_saved_search(search_id: int):
    search = _found(search_id)
    name = search.name
    form = ConfirmForm()
    again = again_on("main/saved_searches.html", searches=readable_searches(),
                     lists=saved_lists(), delete_form=form)
    return write(lambda: ops.delete(current_user, search), form=form, again=again,
                 to=url_for("main.saved_searches"), done=_("Search “%(name)s” deleted.", name=name))
