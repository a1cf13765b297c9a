"""Which Neo4j the tests run on, in this order (architecture note, issue 2):

1. NEO4J_URI (with NEO4J_USER/NEO4J_PASSWORD) when set;
2. testcontainers' Neo4j when a Docker engine answers (DOCKER_HOST, else the default socket):
   NEO4J_IMAGE, else what containers/images.sh names (neo4j:5.26-community, or the stand-in it
   builds where Docker Hub cannot be reached; docs/containers.md);
3. the project's own launcher (localneo4j) on a free port with a throw-away store.

Under CI a database that cannot be had fails the run; elsewhere the tests that need it skip.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import localneo4j

ROOT = Path(__file__).resolve().parents[2]
CONTAINER_PASSWORD = "vernetzt-test-password"
# Every container the tests start carries it; containers/engine.sh removes leftovers of a
# killed run (there is no Ryuk, below).
TEST_LABEL = "vernetzt.tests"


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


def container_image() -> str:
    """NEO4J_IMAGE, else the image containers/images.sh makes sure of (and prints)."""
    if image := os.environ.get("NEO4J_IMAGE"):
        return image
    done = subprocess.run(
        [str(ROOT / "containers" / "images.sh"), "neo4j"],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    if done.returncode:
        raise RuntimeError(f"containers/images.sh neo4j failed:\n{done.stderr}")
    return done.stdout.strip().removeprefix("NEO4J_IMAGE=")


def plugins_folder() -> Path:
    """The network index plugin's folder (network-index/target/plugins), built if it is not
    yet: containers mount it where Neo4j loads plugins, as compose does."""
    subprocess.run([str(ROOT / "localneo4j" / "run.sh"), "--build-only"], check=True, timeout=900)
    return ROOT / "network-index" / "target" / "plugins"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the tests' one copy of this)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _container() -> Iterator[Neo4jServer]:
    """Neo4j in a container, its Bolt port on 127.0.0.1:PORT of this machine. The server
    advertises that address in its routing table, so a `neo4j://` driver (tests/http/
    test_routing.py) routes to where it can connect, not to the container's own 7687."""
    # Read when testcontainers is imported. Ryuk, its reaper, is a Docker Hub image: the `with`
    # below removes the container. This machine may itself be a container (/.dockerenv), which
    # testcontainers takes for Docker-in-Docker and then dials the bridge's gateway; the engine
    # runs beside the tests here, so the mapped port on this machine is the way in.
    os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")
    os.environ.setdefault("TESTCONTAINERS_CONNECTION_MODE", "docker_host")
    from testcontainers.community.neo4j import Neo4jContainer

    image, port = container_image(), free_port()
    container = (
        Neo4jContainer(image, password=CONTAINER_PASSWORD)
        .with_volume_mapping(str(plugins_folder()), "/plugins", "ro")
        .with_env("NEO4J_server_bolt_advertised__address", f"127.0.0.1:{port}")
        .with_env("NEO4J_server_bolt_connection__keep__alive__for__requests", "OFF")  # as served
        .with_kwargs(labels={TEST_LABEL: "true"})
    )
    # On loopback only: with_bind_ports binds every address; a (host, port) pair is docker-py's
    # form of a binding to one address, which testcontainers passes on as it is.
    container.ports["7687"] = ("127.0.0.1", port)  # type: ignore[assignment]
    with container:
        uri = f"bolt://127.0.0.1:{port}"
        yield Neo4jServer(uri, "neo4j", CONTAINER_PASSWORD, f"testcontainers, {image}")


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
