"""The Neo4j image the tests and the compose file use, started by testcontainers, does what they
rely on: NEO4J_AUTH (a password, or none), NEO4J_* settings (the advertised Bolt address that
routing hands out), Bolt on 7687, /data kept across a restart of the container, and the network
index plugin loaded from /plugins. The same tests
hold for the official image and for the stand-in built where Docker Hub is out of reach
(containers/neo4j)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from tests.support.neo4j import TEST_LABEL, free_port, plugins_folder

pytestmark = pytest.mark.integration


def neo4j_container(image: str, auth: str) -> tuple[Any, str]:
    """A container of `image` on 127.0.0.1:PORT (advertised so), not yet started: testcontainers'
    Neo4jContainer for a password (it sets NEO4J_AUTH and waits for Bolt itself), its generic
    container for NEO4J_AUTH=none."""
    os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")
    os.environ.setdefault("TESTCONTAINERS_CONNECTION_MODE", "docker_host")
    from testcontainers.community.neo4j import Neo4jContainer
    from testcontainers.core.container import DockerContainer

    port = free_port()
    if auth == "none":
        container = DockerContainer(image).with_env("NEO4J_AUTH", "none")
    else:
        container = Neo4jContainer(image, password=auth.removeprefix("neo4j/"))
    container.with_env("NEO4J_server_bolt_advertised__address", f"127.0.0.1:{port}")
    container.with_volume_mapping(str(plugins_folder()), "/plugins", "ro")  # as compose mounts it
    container.with_kwargs(labels={TEST_LABEL: "true"})
    container.ports["7687"] = ("127.0.0.1", port)  # type: ignore[assignment]
    return container, f"127.0.0.1:{port}"


def wait_for_bolt(uri: str, auth: tuple[str, str] | None, timeout: float = 180) -> None:
    """Until a query answers: the port is published before the server inside listens."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            run(uri, auth, "RETURN 1")
            return
        except (ServiceUnavailable, OSError):
            assert time.monotonic() < deadline, f"no Bolt at {uri} in {timeout} s"
            time.sleep(1)


# Starts with "-", as one in 64 of secrets.token_urlsafe's do: neo4j-admin once took such a
# password for an option, and the container never started.
PASSWORD = "-a-password"


@pytest.fixture(scope="module")
def with_password(images: dict[str, str]) -> Iterator[tuple[Any, str]]:
    """NEO4J_AUTH=neo4j/PASSWORD, the form testcontainers sets."""
    container, address = neo4j_container(images["NEO4J_IMAGE"], f"neo4j/{PASSWORD}")
    with container:
        yield container, address


def run(uri: str, auth: tuple[str, str] | None, query: str) -> list[dict[str, Any]]:
    with GraphDatabase.driver(uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(query)
        return [record.data() for record in records]


def test_the_password_from_neo4j_auth_signs_in_and_another_is_refused(
    with_password: tuple[Any, str],
) -> None:
    _, address = with_password
    assert run(f"bolt://{address}", ("neo4j", PASSWORD), "RETURN 1 AS one") == [{"one": 1}]
    with pytest.raises(AuthError):
        run(f"bolt://{address}", ("neo4j", "not-the-password"), "RETURN 1 AS one")


def test_the_network_index_loads_from_the_plugins_folder(with_password: tuple[Any, str]) -> None:
    _, address = with_password
    status = "CALL vernetzt.network.status() YIELD ready, members RETURN ready, members"
    deadline = time.monotonic() + 60
    while not (rows := run(f"bolt://{address}", ("neo4j", PASSWORD), status))[0]["ready"]:
        assert time.monotonic() < deadline, "the index was not built in 60 s"
        time.sleep(1)
    assert rows == [{"ready": True, "members": 0}]


def test_routing_hands_out_the_advertised_address_from_a_neo4j_setting_variable(
    with_password: tuple[Any, str],
) -> None:
    _, address = with_password
    table = run(
        f"neo4j://{address}",
        ("neo4j", PASSWORD),
        "CALL dbms.routing.getRoutingTable({}) YIELD servers UNWIND servers AS s "
        "RETURN s.role AS role, s.addresses AS addresses ORDER BY role",
    )
    assert table == [{"role": role, "addresses": [address]} for role in ("READ", "ROUTE", "WRITE")]


def test_data_and_password_survive_a_restart_of_the_container(
    with_password: tuple[Any, str],
) -> None:
    container, address = with_password
    run(f"bolt://{address}", ("neo4j", PASSWORD), "CREATE (:Kept {name: 'before restart'})")
    container.get_wrapped_container().restart(timeout=30)
    wait_for_bolt(f"bolt://{address}", ("neo4j", PASSWORD))
    kept = run(f"bolt://{address}", ("neo4j", PASSWORD), "MATCH (k:Kept) RETURN k.name AS name")
    assert kept == [{"name": "before restart"}]


def test_neo4j_auth_none_turns_authentication_off(images: dict[str, str]) -> None:
    container, address = neo4j_container(images["NEO4J_IMAGE"], "none")
    with container:
        wait_for_bolt(f"bolt://{address}", None)
        assert run(f"bolt://{address}", None, "RETURN 2 AS two") == [{"two": 2}]
