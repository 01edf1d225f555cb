"""The update token: compared as bytes, so odd headers are a 401/403, never a 500."""

from __future__ import annotations

import httpx
import pytest

from tests.live import LiveServer


@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("Bearer sécret".encode(), 403),
        (b"Bearer \xff\xfe", 403),
        ("Bearer 🔑".encode(), 403),
        (b"Bearer", 401),
        (b"Basic dXNlcjpwYXNz", 401),
    ],
)
def test_odd_bearer_tokens_are_refused_cleanly(hardened: LiveServer, header: bytes, status: int) -> None:
    headers = {"Authorization": header, "Content-Type": "application/sparql-update"}
    answer = httpx.post(f"{hardened.url}/update", content="CLEAR ALL", headers=headers, timeout=10)
    assert answer.status_code == status
