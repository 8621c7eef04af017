"""A small OpenID Connect provider for the tests, served on a loopback port from a thread.

It does what Entra ID or Keycloak does in the authorization code flow, and checks what they
check: discovery, the keys (JWKS), the authorization endpoint (which signs in `identity` without
asking, as a provider does for someone already signed in there) and the token endpoint (client
secret, the code used once, the redirect address, the PKCE verifier). Its ID tokens are signed
with an RSA key of its own; `tamper` makes it send a forged one.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server

CLIENT_ID = "casework-tests"
CLIENT_SECRET = "a secret the provider and Casework share"


@dataclass
class Provider:
    issuer: str = ""
    # The claims of whoever signs in next (e-mail and whether the provider verified it).
    identity: dict[str, Any] = field(default_factory=dict)
    # None, or "signature" (signed with another key) or "nonce" (not the one Casework sent).
    tamper: str | None = None
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "provider-key"}))
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    authorizations: list[dict[str, str]] = field(default_factory=list)  # what each sign-in asked

    def id_token(self, grant: dict[str, Any]) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                  "sub": f"subject-{grant['identity'].get('email')}", "nonce": grant["nonce"], **grant["identity"]}
        key = self.key
        if self.tamper == "nonce":
            claims["nonce"] = "a nonce Casework never sent"
        if self.tamper == "signature":
            key = RSAKey.generate_key(2048, parameters={"kid": "provider-key"})
        return jwt.encode({"alg": "RS256", "kid": "provider-key"}, claims, key)


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def provider_app(provider: Provider) -> Flask:
    app = Flask("oidc_provider")

    @app.get("/.well-known/openid-configuration")
    def discovery():
        return jsonify(issuer=provider.issuer, authorization_endpoint=f"{provider.issuer}/authorize",
                       token_endpoint=f"{provider.issuer}/token", jwks_uri=f"{provider.issuer}/jwks",
                       response_types_supported=["code"], subject_types_supported=["public"],
                       id_token_signing_alg_values_supported=["RS256"], code_challenge_methods_supported=["S256"])

    @app.get("/jwks")
    def jwks():
        return jsonify(keys=[provider.key.as_dict(private=False)])

    @app.get("/authorize")
    def authorize():
        asked = request.args.to_dict()
        provider.authorizations.append(asked)
        if asked.get("client_id") != CLIENT_ID or asked.get("response_type") != "code":
            return "unknown client or response type", 400
        if asked.get("code_challenge_method") != "S256" or not asked.get("code_challenge"):
            return "PKCE required", 400
        code = secrets.token_urlsafe(16)
        provider.codes[code] = {**asked, "identity": dict(provider.identity)}
        return redirect(f"{asked['redirect_uri']}?{urlencode({'code': code, 'state': asked['state']})}")

    @app.post("/token")
    def token():
        auth = request.authorization
        if auth is None or (auth.username, auth.password) != (CLIENT_ID, CLIENT_SECRET):
            return jsonify(error="invalid_client"), 401
        grant = provider.codes.pop(request.form.get("code", ""), None)
        if (grant is None or request.form.get("grant_type") != "authorization_code"
                or request.form.get("redirect_uri") != grant["redirect_uri"]
                or _challenge(request.form.get("code_verifier", "")) != grant["code_challenge"]):
            return jsonify(error="invalid_grant"), 400
        return jsonify(access_token=secrets.token_urlsafe(16), token_type="Bearer", expires_in=300,
                       id_token=provider.id_token(grant))

    return app


@contextmanager
def serving() -> Iterator[Provider]:
    """The provider on a free loopback port for as long as the block runs."""
    provider = Provider()
    server = make_server("127.0.0.1", 0, provider_app(provider), threaded=True)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        thread.join()
