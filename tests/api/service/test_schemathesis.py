"""Schemathesis against the service's own OpenAPI, in process (ASGI): every operation in /openapi.json, as each
demo role, with a bounded, derandomised number of examples, then the stateful runs that follow the links
between operations (a POST that answers an id, the GET or DELETE that takes it). No answer may be a 5xx, break
the response schema its operation declares, or carry a status code the operation does not declare.

The operations are read from the app at collection time, so a route added later is tested without editing this
file. Nothing is excluded: a server-sent-events stream is read up to MAX_STREAM_EVENTS events and then cut. The
links are inferred by Schemathesis from the response schemas and path parameters (a POST that answers a mark's
or a job's id is followed by the GET, PATCH or DELETE that takes it), so no route has to declare them. One app (the demo, on a SQLite file in a temporary folder, job workers off so that no solve runs) serves
the whole module per test process; Schemathesis starts its lifespan on the first request."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from api.app import create_app
from api.demo import DEMO_PASSWORD
from tests.api.service.conftest import make_settings

ROLES = ("roosteraar", "planner", "hto", "coordinator", "admin")
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
# Examples per operation and role in the fuzzing phase (5 roles: 20 per operation), plus the schema's own
# examples and the coverage phase's boundary values; derandomised, so a failure repeats.
EXAMPLES_PER_ROLE = 4
STATEFUL = hypothesis.settings(max_examples=12, stateful_step_count=6, deadline=None, derandomize=True,
                               database=None, suppress_health_check=list(hypothesis.HealthCheck))
# A stream (text/event-stream) is read at most this many events, so that a job's progress stream ends.
MAX_STREAM_EVENTS = 3

_folder = tempfile.mkdtemp(prefix="hybrooster-schemathesis-")
atexit.register(shutil.rmtree, _folder, ignore_errors=True)
app = create_app(make_settings(f"sqlite:///{_folder}/hybrooster.db"), demo=True, workers=False)
config = schemathesis.Config.from_dict({
    "seed": 24,
    "max-stream-events": MAX_STREAM_EVENTS,
    "request-timeout": 30,
    "generation": {"max-examples": EXAMPLES_PER_ROLE, "deterministic": True, "database": "none"},
})
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


@cache
def auth(role: str) -> dict[str, str]:
    """The demo user's bearer token, from POST /auth/token (the user names are the role names)."""
    case = schema["/auth/token"]["POST"].Case(body={"username": role, "password": DEMO_PASSWORD},
                                             media_type="application/x-www-form-urlencoded")
    answer = case.call()
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
def test_every_operation_as_every_role(case, role):
    """Each operation, called with generated input as this role, answers without a server error, within its
    declared status codes and response schema."""
    case.call_and_validate(headers=auth(role), checks=CHECKS)


@pytest.mark.parametrize("role", ROLES)
def test_stateful_links_as_every_role(role):
    """Chains of calls along the links (make a thing, then read, use or delete it by its id), as this role,
    pass the same checks."""
    base = schema.as_state_machine()

    class Machine(base):
        def get_call_kwargs(self, case):
            return {"headers": auth(role)}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs or None)

    Machine.run(settings=STATEFUL)


def test_the_links_connect_what_a_post_makes():
    """The state machine has link transitions (inferred from the response schemas and path parameters), so
    the stateful run reaches past the first call: for one, the API key a POST makes is what DELETE takes."""
    rules = [name for name in dir(schema.as_state_machine()) if "___" in name]
    assert any(name.startswith("POST_auth_api_keys___201") and "DELETE_auth_api_keys_key_id" in name
               for name in rules), rules
