"""Declaring the API's operations once: the Flask route, the request parsing and the OpenAPI entry.

`operation(...)` registers a view on the blueprint and records what it takes (path, query and body
models) and what it answers (response model, error statuses); `openapi_document()` is built from
those records and the pydantic models, so the document cannot drift from the code.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema

from casework.api.errors import MESSAGES, ApiError, ErrorOut, field_errors
from casework.core.inputs import MAX_INT
from casework.web import public

MAX_ID = MAX_INT  # ids beyond a database INTEGER cannot exist; larger ones are not sent to the database
API_PUBLIC = "_casework_api_public"
_PATH_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass(frozen=True)
class Operation:
    method: str
    rule: str
    endpoint: str
    summary: str
    description: str
    tag: str
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    errors: tuple[int, ...]
    public: bool
    produces: str

    @property
    def path(self) -> str:
        return _PATH_PARAMETER.sub(lambda m: "{" + m.group(2) + "}", self.rule)

    def path_parameters(self) -> list[dict[str, Any]]:
        parameters = []
        for converter, name in _PATH_PARAMETER.findall(self.rule):
            schema = ({"type": "integer", "minimum": 1, "maximum": MAX_ID} if converter == "int"
                      else {"type": "string", "pattern": "^[a-z_]{1,60}$"})
            parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
        return parameters


OPERATIONS: list[Operation] = []


def operation(bp: Blueprint, rule: str, method: str, *, summary: str, tag: str, query: type[BaseModel] | None = None,
              body: type[BaseModel] | None = None, response: type[BaseModel] | None = None, status: int = 200,
              errors: tuple[int, ...] = (), is_public: bool = False, produces: str = "application/json"):
    """Register an API view; it receives the path values and, if declared, `query=` and `body=` models."""
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def handle(**path: Any):
            if any(isinstance(value, int) and value > MAX_ID for value in path.values()):
                raise ApiError(404)
            arguments = dict(path)
            if query is not None:
                arguments["query"] = parse_query(query)
            if body is not None:
                arguments["body"] = parse_body(body)
            result = view(**arguments)
            if isinstance(result, (Response, str)):
                return result
            return jsonify(result.model_dump(mode="json")), status

        # Every API view is public to the site's session check: the API's own check asks for a token.
        public(handle)
        if is_public:
            setattr(handle, API_PUBLIC, True)
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=handle, methods=[method])
        OPERATIONS.append(Operation(method, bp.url_prefix + rule, f"{bp.name}.{view.__name__}", summary,
                                    (view.__doc__ or "").strip(), tag, query, body, response, status, errors,
                                    is_public, produces))
        return handle

    return decorate


def parse_query(model: type[BaseModel]) -> BaseModel:
    values = {name: request.args.get(name) for name in request.args}
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise ApiError(422, fields=field_errors(error, ("query",))) from None


def parse_body(model: type[BaseModel]) -> BaseModel:
    if request.mimetype != "application/json":
        raise ApiError(415)
    try:
        data = json.loads(request.get_data().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise ApiError(422, fields={"body": ["Send a JSON object."]})
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ApiError(422, fields=field_errors(error)) from None


def openapi_document(title: str, version: str, description: str,
                     described: tuple[type[BaseModel], ...] = ()) -> dict[str, Any]:
    """The OpenAPI 3.1 document of every declared operation; `described` adds schemas that
    operations do not name (the modules' `details` of a case)."""
    models = {ErrorOut, *described}
    for op in OPERATIONS:
        models |= {m for m in (op.body, op.response) if m is not None}
    ordered = sorted(models, key=lambda m: m.__name__)
    refs, definitions = models_json_schema([(m, "validation" if _is_input(m) else "serialization") for m in ordered],
                                           ref_template="#/components/schemas/{model}")
    by_model = {model: refs[(model, mode)] for (model, mode) in refs}
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation_object(op, by_model)
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version, "description": description},
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "A personal access token, created under Account → API tokens."}},
        },
        "security": [{"bearer": []}],
    }


def _is_input(model: type[BaseModel]) -> bool:
    return any(op.body is model for op in OPERATIONS)


def _error_response(status: int, by_model) -> dict[str, Any]:
    return {"description": MESSAGES.get(status, "Error"), "content": {"application/json": {"schema": by_model[ErrorOut]}}}


def _operation_object(op: Operation, by_model) -> dict[str, Any]:
    parameters = op.path_parameters()
    if op.query is not None:
        schema = op.query.model_json_schema()
        required = set(schema.get("required", []))
        for name, field_schema in schema["properties"].items():
            field_schema = {k: v for k, v in field_schema.items() if k != "title"}
            parameters.append({"name": name, "in": "query", "required": name in required, "schema": field_schema,
                               **({"description": field_schema["description"]} if "description" in field_schema else {})})
    success: dict[str, Any] = {"description": op.summary}
    if op.response is not None:
        success["content"] = {"application/json": {"schema": by_model[op.response]}}
    elif op.produces != "application/json":
        success["content"] = {op.produces: {"schema": {"type": "string", "format": "binary"}}}
    statuses = set(op.errors) | {405}
    if not op.public:
        statuses.add(401)
    if op.body is not None:
        statuses |= {400, 415, 422}
    if op.query is not None or op.path_parameters():
        statuses |= {404, 422} if op.query is not None else {404}
    responses = {str(op.status): success}
    responses |= {str(code): _error_response(code, by_model) for code in sorted(statuses)}
    result: dict[str, Any] = {
        "operationId": op.endpoint.replace(".", "_"), "summary": op.summary, "tags": [op.tag],
        "parameters": parameters, "responses": responses,
    }
    if op.description:
        result["description"] = op.description
    if op.body is not None:
        result["requestBody"] = {"required": True,
                                 "content": {"application/json": {"schema": by_model[op.body]}}}
    if op.public:
        result["security"] = []
    return result
