"""Form drafts kept on the server: one per user and form, replaced at each save, size-limited;
and the 401 a page's script gets, rather than the sign-in page, when the session is gone."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from casework.core import drafts
from casework.extensions import db


def test_a_draft_is_replaced_not_added(users):
    officer = users["officer"]
    drafts.save_draft(officer, "visit:1", {"team": ["A"]}, 1)
    drafts.save_draft(officer, "visit:1", {"team": ["A", "B"], "pop_total": ["12"]}, 2)
    drafts.save_draft(users["supervisor"], "visit:1", {"team": ["C"]}, 2)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(drafts.FormDraft)) == 2
    mine = drafts.find_draft(officer, "visit:1")
    assert (mine.fields, mine.base_version) == ({"team": ["A", "B"], "pop_total": ["12"]}, 2)
    assert mine.formdata().getlist("team") == ["A", "B"]
    drafts.discard_draft(officer, "visit:1")
    assert drafts.find_draft(officer, "visit:1") is None
    assert drafts.find_draft(users["supervisor"], "visit:1") is not None


def test_the_token_is_not_kept_and_size_is_limited(users):
    fields = drafts.fields_of(MultiDict([("csrf_token", "t"), ("team", "A"), ("team", "B")]))
    assert fields == {"team": ["A", "B"]}
    with pytest.raises(drafts.DraftTooLarge):
        drafts.save_draft(users["officer"], "visit:1", {"team": ["x" * drafts.MAX_DRAFT_BYTES]}, 1)


def test_a_script_is_answered_401_when_signed_out(client):
    response = client.post("/logout", headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.json["error"] == "signed_out"
    assert client.post("/logout").status_code == 302  # a browser is sent to the sign-in page
