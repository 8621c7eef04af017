"""The JSON API (`/api/v1`): programs read and create records as a user, with a personal access token.

Requests authenticate with `Authorization: Bearer <token>` only; the session cookie is never
accepted, so cross-site requests cannot act for a signed-in user and CSRF does not apply. Every
answer is JSON, errors included; access, validation and audit are those of the site.
"""
