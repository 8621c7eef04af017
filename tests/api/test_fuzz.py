"""The API driven from its own OpenAPI document: whatever is sent, no server error, and every
answer — success or error — matches the document (status, content type, body schema)."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.transport.wsgi import WSGI_TRANSPORT
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _document() -> dict:
    """The document as the app serves it; building it needs the app's routes, not its database."""
    from casework import create_app
    from config import TestConfig

    with create_app(TestConfig, SQLALCHEMY_DATABASE_URI="sqlite://").test_client() as client:
        return client.get("/api/v1/openapi.json").json


schema = schemathesis.openapi.from_dict(_document())



@pytest.fixture
def bearer(world, token_for) -> dict[str, str]:
    """An administrator's token: the widest view, so reads and writes reach the deepest code."""
    return {"Authorization": f"Bearer {token_for(world.users['admin'])}"}


@schema.parametrize()
# Few examples, always the same ones (derandomize), so the suite stays quick and repeatable; the
# world fixture is built once per operation, which is what function-scoped fixtures are for here.
@settings(max_examples=6, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_server_error_and_answers_match_the_document(case, bearer, world, app):
    # Sent in-process to the test session's app (and its database), through WSGI.
    response = WSGI_TRANSPORT.send(case, app=app, headers=bearer)
    case.validate_response(response, checks=CHECKS)
