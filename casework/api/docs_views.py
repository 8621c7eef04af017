"""The OpenAPI document and a page that lists the endpoints for people."""
from __future__ import annotations

import functools

from flask import jsonify, render_template

from casework.api.blueprint import bp
from casework.api.modules import module_apis
from casework.api.spec import OPERATIONS, openapi_document, operation

DESCRIPTION = (
    "Read and create the records of Casework as a user, with a personal access token "
    "(Account → API tokens): `Authorization: Bearer <token>`. The session cookie is never accepted. "
    "Lists are newest first and paged: pass `next_cursor` as `cursor` for the next page. "
    "Errors are `{\"error\": {\"status\", \"message\", \"fields\"}}`."
)


@functools.cache
def document() -> dict:
    details = tuple(dict.fromkeys(m.details_schema for m in module_apis()))
    return openapi_document("Casework API", "1.0", DESCRIPTION, details)


@operation(bp, "/openapi.json", "GET", summary="This API's OpenAPI 3.1 document", tag="API", is_public=True)
def openapi():
    return jsonify(document())


@operation(bp, "/docs", "GET", summary="The API's endpoints, for people", tag="API", is_public=True,
           produces="text/html")
def docs():
    tags: dict[str, list] = {}
    for op in OPERATIONS:
        tags.setdefault(op.tag, []).append(op)
    return render_template("api/docs.html", tags=tags, document=document())
