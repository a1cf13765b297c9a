"""docker-compose.yml as a user runs it (issue 17): `up --wait` to healthy, sign up and read
through the API container on 127.0.0.1, the data kept across a restart of the API and a new
database container (the volume), the API not root and in production, and `down -v` leaving
nothing behind. The stack runs under a project name and host port of its own.

The tests run in order, on one stack; a failure leaves the later ones to fail, and the stack is
taken down whatever happens."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.containers.docker import ROOT, DockerError, docker
from tests.support.client import error_codes
from tests.support.neo4j import free_port, plugins_folder

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery staple"
SIGN_IN = """
mutation ($email: String!, $password: String!) {
  signIn(input: {email: $email, password: $password}) { token errors { code } }
}
"""
ME = "{ viewer { member { handle name } email } }"


@dataclass
class Stack:
    project: str
    env: dict[str, str]
    base_url: str
    state: dict[str, Any] = field(default_factory=dict)

    def compose(self, *args: str, timeout: float = 600) -> str:
        command = ("compose", "-p", self.project, "-f", str(ROOT / "docker-compose.yml"), *args)
        return docker(*command, env=self.env, timeout=timeout)

    def up(self, *args: str) -> None:
        try:
            self.compose("up", "--detach", "--wait", "--wait-timeout", "300", *args)
        except DockerError as error:
            raise AssertionError(f"{error}\n{self.compose('logs', '--tail', '60')}") from None

    def container_id(self, service: str) -> str:
        return self.compose("ps", "--quiet", service).strip()

    def call(self, query: str, variables: dict[str, Any] | None = None, token: str = "") -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": query, "variables": variables or {}}
        answer = httpx.post(f"{self.base_url}/graphql", json=body, headers=headers, timeout=30)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def wait_ready(self, timeout: float = 120) -> None:
        """/readyz answers 200 once the API reaches Neo4j again (after a restart of either)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.base_url}/readyz", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, self.compose("logs", "--tail", "60")
            time.sleep(1)


@pytest.fixture(scope="module")
def stack(
    images: dict[str, str], build_env: dict[str, str], compose_version: str
) -> Iterator[Stack]:
    project = f"vernetzt-test-{secrets.token_hex(4)}"
    port = free_port()
    plugins_folder()  # compose mounts the network index plugin from there
    env = {
        **images,
        **build_env,
        "NEO4J_PASSWORD": secrets.token_urlsafe(16),
        "VERNETZT_SECRET": secrets.token_urlsafe(32),
        "VERNETZT_PORT": str(port),
        "VERNETZT_METRICS_TOKEN": secrets.token_urlsafe(32),
        "PROMETHEUS_PORT": str(free_port()),
        # A cold Neo4j on a busy 2-core machine can take longer than 5 s for its first queries.
        "VERNETZT_DB_TIMEOUT_SECONDS": "30",
        # One tag for every run: its layers are the build cache of the next run.
        "VERNETZT_API_IMAGE": "vernetzt-api:test",
    }
    running = Stack(project, env, f"http://127.0.0.1:{port}")
    try:
        yield running
    finally:
        running.compose("--profile", "metrics", "down", "--volumes", "--remove-orphans")


def test_up_builds_the_api_image_and_waits_until_both_services_are_healthy(stack: Stack) -> None:
    stack.compose("build", "api", timeout=900)
    stack.up()
    services = [json.loads(line) for line in stack.compose("ps", "--format", "json").splitlines()]
    assert {(s["Service"], s["Health"]) for s in services} == {
        ("neo4j", "healthy"),
        ("api", "healthy"),
    }
    assert httpx.get(f"{stack.base_url}/readyz", timeout=5).status_code == 200
    # The plugin compose mounts is loaded, and the API reads discovery from it.
    assert "network index: found" in stack.compose("logs", "api")


def test_a_member_signs_up_and_reads_their_account_through_the_api_container(
    stack: Stack,
) -> None:
    account = {
        "handle": "ada-container",
        "name": "Ada Container",
        "email": "ada@example.org",
        "password": PASSWORD,
    }
    answer = stack.call(
        "mutation ($input: SignUpInput!) { signUp(input: $input) { token errors { code } } }",
        {"input": account},
    )
    assert "errors" not in answer, answer
    signed_up = answer["data"]["signUp"]
    assert signed_up["errors"] == []
    me = stack.call(ME, token=signed_up["token"])
    assert me == {
        "data": {
            "viewer": {
                "member": {"handle": "ada-container", "name": "Ada Container"},
                "email": "ada@example.org",
            }
        }
    }
    stack.state["me"] = me


def signed_in_view(stack: Stack) -> Any:
    signed_in = stack.call(SIGN_IN, {"email": "ada@example.org", "password": PASSWORD})
    # Known (issue 17's report): after Neo4j restarts, the first request that takes a pooled
    # connection to the old server answers INTERNAL_SERVER_ERROR; the next one succeeds. Until
    # the driver's pool checks liveness, a client retries once, as this one does.
    if signed_in["data"] is None and error_codes(signed_in) == ["INTERNAL_SERVER_ERROR"]:
        stack.state["retried_after_restart"] = stack.state.get("retried_after_restart", 0) + 1
        signed_in = stack.call(SIGN_IN, {"email": "ada@example.org", "password": PASSWORD})
    assert signed_in["data"]["signIn"]["errors"] == [], signed_in
    return stack.call(ME, token=signed_in["data"]["signIn"]["token"])


def test_the_account_is_there_after_the_api_container_restarts(stack: Stack) -> None:
    before = stack.container_id("api")
    stack.compose("restart", "api")
    stack.up()
    stack.wait_ready()
    assert stack.container_id("api") == before  # the same container, its process started anew
    assert signed_in_view(stack) == stack.state["me"]


def test_the_account_is_there_after_the_database_container_restarts(stack: Stack) -> None:
    stack.compose("restart", "neo4j")
    stack.up()
    stack.wait_ready()
    assert signed_in_view(stack) == stack.state["me"]


def test_the_account_is_there_in_a_new_database_container_on_the_same_volume(
    stack: Stack,
) -> None:
    before = stack.container_id("neo4j")
    stack.compose("rm", "--stop", "--force", "neo4j")
    stack.up()
    stack.wait_ready()
    assert stack.container_id("neo4j") != before
    assert signed_in_view(stack) == stack.state["me"]


def test_the_api_runs_as_an_unprivileged_user_with_production_settings(stack: Stack) -> None:
    [header, *processes] = stack.compose("top", "api").strip().splitlines()[1:]
    assert header.split()[0] == "UID"
    uvicorn = [line.split() for line in processes if "uvicorn" in line]
    assert uvicorn, processes
    assert all(fields[0] not in ("0", "root") for fields in uvicorn), uvicorn
    assert stack.compose("exec", "-T", "api", "id", "-u").strip() not in ("", "0")
    # The server process's own environment (pid 1: sh -c exec uvicorn).
    environ = stack.compose("exec", "-T", "api", "cat", "/proc/1/environ").split("\0")
    assert "VERNETZT_ENV=production" in environ
    # What a client sees of production: no playground, no introspection.
    page = httpx.get(f"{stack.base_url}/graphql", headers={"Accept": "text/html"}, timeout=10)
    assert "graphiql" not in page.text.lower()
    introspection = stack.call("{ __schema { queryType { name } } }")
    assert introspection.get("data") is None or "__schema" not in introspection["data"]
    assert introspection["errors"], introspection


def test_the_api_runs_on_the_newest_supported_python(stack: Stack) -> None:
    """The image's Python is 3.13 (python:3.13-slim, or the stand-in on Debian 13)."""
    version = stack.compose("exec", "-T", "api", "python", "-c", "import sys; print(sys.version)")
    assert version.startswith("3.13."), version


def prometheus_value(stack: Stack, query: str) -> float | None:
    url = f"http://127.0.0.1:{stack.env['PROMETHEUS_PORT']}/api/v1/query"
    try:
        answer = httpx.get(url, params={"query": query}, timeout=5)
    except httpx.TransportError:
        return None
    result = answer.json()["data"]["result"] if answer.status_code == 200 else []
    return float(result[0]["value"][1]) if result else None


def test_the_metrics_profile_adds_a_prometheus_that_scrapes_the_api(stack: Stack) -> None:
    """`docker compose --profile metrics up`: Prometheus (the official image, or its stand-in)
    scrapes the API with the operator's token and holds the API's request counts."""
    stack.compose("--profile", "metrics", "up", "--detach", "--wait", "--wait-timeout", "300")
    deadline = time.monotonic() + 120
    up = requests = None
    while (up != 1 or not requests) and time.monotonic() < deadline:
        time.sleep(2)
        up = prometheus_value(stack, 'up{job="vernetzt"}')
        requests = prometheus_value(stack, "sum(vernetzt_requests_total)")
    assert up == 1, stack.compose("logs", "--tail", "30", "prometheus")
    assert requests is not None
    assert requests > 0  # the sign-ups and sign-ins of the tests before
    assert prometheus_value(stack, "vernetzt_build_info") == 1


def test_down_removes_every_container_network_and_volume_of_the_project(stack: Stack) -> None:
    stack.compose("--profile", "metrics", "down", "--volumes", "--remove-orphans")
    label = f"label=com.docker.compose.project={stack.project}"
    assert docker("ps", "--all", "--quiet", "--filter", label).strip() == ""
    assert docker("network", "ls", "--quiet", "--filter", label).strip() == ""
    assert docker("volume", "ls", "--quiet", "--filter", label).strip() == ""
