"""A creation refused by its operation, after the page's one-time token was taken, keeps nothing."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from casework.core.submissions import Submission
from casework.detention.cases.models import DetentionCase
from casework.extensions import db
from tests.conftest import sign_in


def test_a_refused_creation_keeps_no_token_and_the_corrected_page_creates_the_case(app, users, facility):
    client = app.test_client()
    sign_in(client, users["officer"])
    page = client.get("/detention/cases/new").get_data(as_text=True)
    token = re.search(r'name="once" type="hidden" value="([^"]+)"', page).group(1)
    data = {"given_names": "Luz", "sex": "female", "consent": "none", "facility_id": facility.id,
            "issue": "no_legal_basis", "once": token}
    refused = client.post("/detention/cases/new", data={**data, "family_name": ""})  # no one named
    assert refused.status_code == 400
    assert db.session.scalar(select(func.count(Submission.id))) == 0
    assert client.post("/detention/cases/new", data={**data, "family_name": "Palacios"}).status_code == 303
    assert db.session.scalar(select(func.count(DetentionCase.id))) == 1
