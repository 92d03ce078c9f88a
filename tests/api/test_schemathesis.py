"""Property-based run of the OpenAPI document against the app (schemathesis): no input causes a 5xx,
and every answer matches its documented status code and schema.

Driven through hypothesis directly (``operation.as_strategy()``) rather than schemathesis's pytest plugin,
which does not support pytest 9 yet.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from marketplace.api import services as api_services
from tests.factories import owner_of


def test_no_input_causes_a_server_error(app, session, make_achievement, make_demand, moderator, university):
    for _ in range(3):
        make_achievement(publish_with=moderator)
        make_demand(publish_with=moderator)
    _row, raw = api_services.create_token(session, owner_of(university), university, "schemathesis")
    session.commit()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(
                headers={"Authorization": f"Bearer {raw}"},
                checks=[not_a_server_error, response_schema_conformance, status_code_conformance],
            )

        check()
