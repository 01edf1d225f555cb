"""A bounded schemathesis run over the OpenAPI schema (last: it may change data): never a 5xx.

A few examples per operation (the suite's time budget), with the update token so the guarded routes
are exercised past the token check; loopback only. The shared server must still be up afterwards.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.case import Case

from tests.live import LiveServer
from tests.security.conftest import AUTH

EXAMPLES = 4


def test_no_generated_request_makes_a_server_error(hardened: LiveServer) -> None:
    schema = schemathesis.openapi.from_url(f"{hardened.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case: Case) -> None:
            case.call_and_validate(headers=AUTH, checks=[not_a_server_error], timeout=30)

        check()
    assert hardened.process.poll() is None
