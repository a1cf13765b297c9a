"""The container tests need a Docker engine and Compose v2. `make test` and `make containers`
provide both where they can (containers/run.sh); under CI a missing one fails these tests, and
elsewhere they skip with a message that says how to get them."""

from __future__ import annotations

import os
import subprocess
from typing import NoReturn

import pytest

from tests.containers.docker import ROOT, docker

HOW_TO_GET_THEM = (
    "run them with `make containers` (as root on Debian it installs and starts an engine for the "
    "run), or install Docker with Compose v2 and set DOCKER_HOST if its socket is not the default"
    " (docs/containers.md)"
)


def _missing(what: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{what}; under CI the container tests must run, not skip")
    pytest.skip(f"{what}: {HOW_TO_GET_THEM}")


@pytest.fixture(scope="session")
def engine() -> str:
    """The engine's version, once it answers."""
    try:
        answer = docker("version", "--format", "{{.Server.Version}}", timeout=20)
    except (OSError, subprocess.SubprocessError) as error:
        _missing(f"no Docker engine answers ({error})")
    return answer.strip()


@pytest.fixture(scope="session")
def compose_version(engine: str) -> str:
    try:
        return docker("compose", "version", "--short", timeout=20).strip()
    except (OSError, subprocess.SubprocessError) as error:
        _missing(f"no Docker Compose v2 (`docker compose`) ({error})")


@pytest.fixture(scope="session")
def images(engine: str) -> dict[str, str]:
    """NEO4J_IMAGE, PYTHON_IMAGE and PROMETHEUS_IMAGE: as containers/run.sh exported them, else
    as images.sh makes sure of them now (the official images, or stand-ins built where Docker
    Hub is out of reach)."""
    names = ("NEO4J_IMAGE", "PYTHON_IMAGE", "PROMETHEUS_IMAGE")
    if all(os.environ.get(name) for name in names):
        return {name: os.environ[name] for name in names}
    printed = subprocess.run(
        [str(ROOT / "containers" / "images.sh"), "all"],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    ).stdout
    return dict(line.split("=", 1) for line in printed.split())


@pytest.fixture(scope="session")
def build_env(engine: str) -> dict[str, str]:
    """How compose builds here: the classic builder where the buildx plugin is missing (Debian's
    engine), and the host's network where the engine gives containers no route out (the
    project's own, containers/engine.sh: no iptables rules)."""
    env = {}
    try:
        docker("buildx", "version", timeout=20)
    except (OSError, subprocess.SubprocessError):
        env["DOCKER_BUILDKIT"] = "0"
    own_engine = os.environ.get("DOCKER_HOST") == "unix:///run/vernetzt-docker/docker.sock"
    if own_engine or os.environ.get("VERNETZT_BUILD_NETWORK") == "host":
        env["VERNETZT_BUILD_NETWORK"] = "host"
    return env
