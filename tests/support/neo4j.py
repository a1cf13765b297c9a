"""Which Neo4j the tests run on, in this order (architecture note, issue 2):

1. NEO4J_URI (with NEO4J_USER/NEO4J_PASSWORD) when set;
2. testcontainers' Neo4j (neo4j:5.26-community) when a Docker engine answers;
3. the project's own launcher (localneo4j) on a free port with a throw-away store.

Under CI a database that cannot be had fails the run; elsewhere the tests that need it skip.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import localneo4j

CONTAINER_IMAGE = "neo4j:5.26-community"


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    source: str


def _docker_answers() -> bool:
    """Whether a Docker engine answers a ping on DOCKER_HOST (a Unix socket by default)."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if not host.startswith("unix://"):
        return _remote_docker_answers()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(3)
            connection.connect(host.removeprefix("unix://"))
            connection.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            status_line = connection.recv(64)
    except OSError:
        return False
    return status_line.startswith(b"HTTP/1.") and b" 200 " in status_line


def _remote_docker_answers() -> bool:
    import docker

    try:
        client = docker.from_env(timeout=3)
    except docker.errors.DockerException:
        return False
    try:
        return bool(client.ping())
    except docker.errors.DockerException:
        return False
    finally:
        client.close()


@contextlib.contextmanager
def _container() -> Iterator[Neo4jServer]:
    from testcontainers.community.neo4j import Neo4jContainer

    with Neo4jContainer(CONTAINER_IMAGE, password="vernetzt-test-password") as container:
        yield Neo4jServer(
            container.get_connection_url(), "neo4j", "vernetzt-test-password", "testcontainers"
        )


@contextlib.contextmanager
def _launcher() -> Iterator[Neo4jServer]:
    with tempfile.TemporaryDirectory(prefix="vernetzt-neo4j-") as data_dir:
        log = Path(data_dir) / "launcher.log"
        server = localneo4j.start(Path(data_dir) / "store", port=0, log_file=log)
        try:
            source = (
                f"local launcher, Neo4j {server.version}, started in {server.startup_seconds} s"
            )
            yield Neo4jServer(server.uri, "", "", source)
        finally:
            server.stop()


@contextlib.contextmanager
def test_database() -> Iterator[Neo4jServer]:
    if uri := os.environ.get("NEO4J_URI"):
        yield Neo4jServer(
            uri, os.environ.get("NEO4J_USER", ""), os.environ.get("NEO4J_PASSWORD", ""), "NEO4J_URI"
        )
    elif _docker_answers():
        with _container() as database:
            yield database
    else:
        with _launcher() as database:
            yield database
