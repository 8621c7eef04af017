"""Errors of the JSON API: always `{"error": {"status", "message", "fields"}}` with the right status."""
from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_babel import gettext as _
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from casework.core.db import is_unavailable
from casework.core.storage import FileMissing
from casework.web import log_server_error

MESSAGES = {
    400: "The request could not be read.",
    401: "Send a valid personal access token: Authorization: Bearer <token>.",
    403: "Your role does not allow this.",
    404: "There is nothing at this address, or you may not see it.",
    405: "This address does not take that method.",
    409: "The record changed, or its state does not allow this.",
    413: "The request is too large.",
    415: "Send the body as JSON (Content-Type: application/json).",
    422: "Some fields are not valid.",
    500: "Something went wrong; the error has been logged.",
    503: "The database could not be reached or was busy; nothing was saved. Try again in a moment.",
}


class ApiError(Exception):
    """An answer other than success, with the status, a message and, for fields, their problems."""

    def __init__(self, status: int, message: str | None = None, fields: dict[str, list[str]] | None = None,
                 headers: dict[str, str] | None = None, reference: str | None = None):
        super().__init__(message or MESSAGES.get(status, ""))
        self.status, self.message = status, message or _(MESSAGES.get(status, "Error."))
        self.fields, self.headers, self.reference = fields or {}, headers or {}, reference


class ErrorBody(BaseModel):
    status: int
    message: str
    fields: dict[str, list[str]] = {}
    reference: str | None = Field(None, description="For a server error: the reference of its entry in the log.")


class ErrorOut(BaseModel):
    """Every error the API answers."""

    error: ErrorBody


def field_errors(error: ValidationError, prefix: tuple[str | int, ...] = ()) -> dict[str, list[str]]:
    """Pydantic's errors as `{"field.path": ["message", …]}`."""
    fields: dict[str, list[str]] = {}
    for problem in error.errors(include_url=False, include_input=False):
        location = [*prefix, *problem["loc"]]
        name = ".".join(str(part) for part in location) or "body"
        fields.setdefault(name, []).append(problem["msg"])
    return fields


def error_response(error: ApiError):
    body: dict[str, Any] = {"status": error.status, "message": error.message, "fields": error.fields}
    if error.reference:
        body["reference"] = error.reference
    response = jsonify(error=body)
    response.status_code = error.status
    for name, value in error.headers.items():
        response.headers[name] = value
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="casework"'
    return response


def http_error(error: HTTPException):
    """A Werkzeug error (an unknown address, a wrong method, a server error outside a view) as JSON."""
    status = error.code or 500
    if status == 500:
        return error_response(ApiError(status, reference=log_server_error(error)))
    headers = {}
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return error_response(ApiError(status, None, headers=headers))


def unexpected_error(error: Exception):
    """A bug: logged with its traceback, answered as JSON without details."""
    if isinstance(error, HTTPException):
        return http_error(error)
    if isinstance(error, ApiError):
        return error_response(error)
    if isinstance(error, FileMissing):
        log_server_error(error)  # someone must restore the file
        return error_response(ApiError(404, _("This file cannot be found in the file store.")))
    if isinstance(error, OperationalError) and is_unavailable(error):  # down or busy: nothing saved, try again
        return error_response(ApiError(503, reference=log_server_error(error), headers={"Retry-After": "5"}))
    return error_response(ApiError(500, reference=log_server_error(error)))
