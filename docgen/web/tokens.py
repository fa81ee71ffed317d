"""The bearer token that guards the API and the metrics, checked in one way."""

from __future__ import annotations

import hmac

from flask import request

from docgen.web.errors import ApiError


def require_bearer(token: str | None) -> None:
    """Raises ApiError 401 unless the request shows ``token`` (nothing to check when None)."""
    if not token:
        return
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "token_required", "This API needs 'Authorization: Bearer <token>'.",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "token_invalid", "The token is not the one this service was given.",
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
