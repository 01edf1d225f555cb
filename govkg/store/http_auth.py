"""Credentials for a remote store: a bearer token, or a user and password for Basic or Digest auth.

``GOVKG_STORE_AUTH=user:password`` sends HTTP Basic until the server challenges for Digest (as
Virtuoso does on its ``-auth`` endpoints, after refusing Basic with a bare 401); from then on it
answers with Digest, computed by httpx, which reuses the server's last challenge so later requests
need no extra round trip.
Anything without a colon is a bearer token.
"""

from __future__ import annotations

from collections.abc import Generator

import httpx


class BearerAuth(httpx.Auth):
    """``Authorization: Bearer <token>`` on every request."""

    def __init__(self, token: str) -> None:
        self.header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self.header
        yield request


class PasswordAuth(httpx.Auth):
    """Basic auth, switching to Digest for good once the server asks for it."""

    requires_request_body = True  # a request refused with a Digest challenge is sent again, body and all

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self.uses_digest = False

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self.uses_digest:
            response = yield next(self._basic.auth_flow(request))
            if response.status_code != 401:
                return
            request.headers.pop("Authorization", None)
            if not response.headers.get("www-authenticate"):  # Virtuoso refuses Basic without saying why
                response = yield request  # so ask for its challenge
            if response.status_code != 401 or "digest" not in response.headers.get("www-authenticate", "").lower():
                return
            self.uses_digest = True
            flow = self._digest.auth_flow(request)
            next(flow)
            try:
                yield flow.send(response)  # answer this very challenge: no extra round trip
            except StopIteration:
                pass
            return
        yield from self._digest.auth_flow(request)


def auth_for(credentials: str | None) -> httpx.Auth | None:
    """``user:password`` as Basic (or Digest when challenged), anything else as a bearer token, nothing as none."""
    if not credentials:
        return None
    user, colon, password = credentials.partition(":")
    return PasswordAuth(user, password) if colon else BearerAuth(credentials)
