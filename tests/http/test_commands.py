"""The README's commands as a person runs them: `make run` and `make neo4j`, then Ctrl-C/SIGTERM.

These start real processes (uvicorn, and a JVM where no NEO4J_URI is given) and check that
nothing they started outlives them.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from neo4j import GraphDatabase

from cypher.migrate import MIGRATIONS
from tests.support.neo4j import Neo4jServer, free_port

# Each test runs a Neo4j: the session's, or one that `make run` or `make neo4j` starts.
pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "PORT")}
    with log.open("wb") as output:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env={**environment, **env},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so we can check it is empty after
        )


def group_is_gone(process: subprocess.Popen[bytes], timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def wait_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise AssertionError("not ready in time:\n" + log.read_text())


@pytest.fixture
def stop_on_exit() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


SIGN_UP = """mutation { signUp(input: {handle: "grace", name: "Grace", email: "grace@example.org",
  password: "a long enough password"}) { token errors { code } } }"""
SIGN_IN = """mutation { signIn(input: {email: "grace@example.org",
  password: "a long enough password"}) { token member { handle } errors { code } } }"""


# The kind and name of a migration's schema rule; DROP INDEX drops full-text indexes too.
MIGRATION_NAME = re.compile(r"CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX) (\w+)")
DEMO_MEMBER = '{ member(handle: "lena-hoffmann") { name } }'


def on_neo4j(server: Neo4jServer, port: int, **more: str) -> dict[str, str]:
    """The environment of a `make run` on `server`, serving on `port`."""
    return {
        "NEO4J_URI": server.uri,
        "NEO4J_USER": server.user,
        "NEO4J_PASSWORD": server.password,
        "PORT": str(port),
        **more,
    }


def check_playground_and_accounts(base: str) -> None:
    page = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    signed_up = httpx.post(f"{base}/graphql", json={"query": SIGN_UP}, timeout=10).json()
    assert signed_up["data"]["signUp"]["errors"] == []
    signed_in = httpx.post(f"{base}/graphql", json={"query": SIGN_IN}, timeout=10).json()
    assert signed_in["data"]["signIn"]["member"] == {"handle": "grace"}


def test_make_run_on_an_existing_neo4j_serves_and_stops_on_ctrl_c(
    neo4j_server: Neo4jServer, tmp_path: Path, stop_on_exit: list[subprocess.Popen[bytes]]
) -> None:
    port = free_port()
    log = tmp_path / "run.log"
    env = on_neo4j(neo4j_server, port)
    process = start(["make", "--no-print-directory", "run"], env, log)
    stop_on_exit.append(process)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base, process, log)
    check_playground_and_accounts(base)
    assert "demo sign-in: lena.hoffmann@example.org" in log.read_text()
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    process.wait(timeout=30)
    assert group_is_gone(process), "a process of `make run` outlived Ctrl-C"


def test_make_run_with_two_workers_serves_one_port_from_both_and_seeds_once(
    neo4j_server: Neo4jServer, tmp_path: Path, stop_on_exit: list[subprocess.Popen[bytes]]
) -> None:
    port = free_port()
    log = tmp_path / "run.log"
    env = on_neo4j(neo4j_server, port, WORKERS="2")
    process = start(["make", "--no-print-directory", "run"], env, log)
    stop_on_exit.append(process)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base, process, log)
    demo = httpx.post(f"{base}/graphql", json={"query": DEMO_MEMBER}, timeout=10).json()
    assert demo == {"data": {"member": {"name": "Lena Hoffmann"}}}
    assert log.read_text().count("demo data:") == 1  # the workers do not seed
    answered_by: set[int] = set()
    deadline = time.monotonic() + 60
    while len(answered_by) < 2 and time.monotonic() < deadline:
        with ThreadPoolExecutor(8) as pool:  # a new connection each, several at once
            answers = pool.map(lambda _: httpx.get(f"{base}/healthz", timeout=10), range(16))
            answered_by.update(answer.json()["pid"] for answer in answers)
    assert len(answered_by) == 2, answered_by
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=30)
    assert group_is_gone(process), "a worker of `make run` outlived Ctrl-C"


def test_two_make_runs_started_together_on_one_empty_database_both_serve(
    neo4j_server: Neo4jServer, tmp_path: Path, stop_on_exit: list[subprocess.Popen[bytes]]
) -> None:
    """Migrations and demo seeding run in both at the same moment: neither fails, and the
    database holds the demo network once."""
    with GraphDatabase.driver(neo4j_server.uri, auth=_auth(neo4j_server)) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
        for statement in MIGRATIONS:  # as if it had never been migrated
            kind, name = MIGRATION_NAME.match(statement).groups()  # type: ignore[union-attr]
            kind = kind.removeprefix("FULLTEXT ")
            driver.execute_query(f"DROP {kind} {name} IF EXISTS", database_="neo4j")
    bases = []
    for name in ("a", "b"):
        port = free_port()
        env = on_neo4j(neo4j_server, port)
        log = tmp_path / f"{name}.log"
        stop_on_exit.append(start(["make", "--no-print-directory", "run"], env, log))
        bases.append((f"http://127.0.0.1:{port}", stop_on_exit[-1], log))
    for base, process, log in bases:
        wait_ready(base, process, log)
        demo = httpx.post(f"{base}/graphql", json={"query": DEMO_MEMBER}, timeout=10).json()
        assert demo == {"data": {"member": {"name": "Lena Hoffmann"}}}
    with GraphDatabase.driver(neo4j_server.uri, auth=_auth(neo4j_server)) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (m:Member) RETURN count(m) AS members, count(DISTINCT m.handle) AS handles",
            database_="neo4j",
        )
    assert records[0]["members"] == records[0]["handles"] == 50
    for _, process, _ in bases:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
        assert group_is_gone(process)


def _auth(server: Neo4jServer) -> tuple[str, str] | None:
    return (server.user, server.password) if server.user else None


def test_make_run_starts_and_stops_its_own_neo4j(
    tmp_path: Path, stop_on_exit: list[subprocess.Popen[bytes]]
) -> None:
    port = free_port()
    log = tmp_path / "run.log"
    env = {"PORT": str(port), "NEO4J_DATA": str(tmp_path / "store"), "NEO4J_PORT": "0"}
    process = start(["make", "--no-print-directory", "run"], env, log)
    stop_on_exit.append(process)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base, process, log)
    check_playground_and_accounts(base)
    process.send_signal(signal.SIGTERM)  # to make alone: it must pass it on
    process.wait(timeout=60)
    assert group_is_gone(process), "a process of `make run` outlived SIGTERM:\n" + log.read_text()
    assert "Neo4j 5.26" in log.read_text()


READY_LINE = re.compile(
    r"^Neo4j (5\.26\.\d+) ready at (bolt://127\.0\.0\.1:(\d+)) \(started in [\d.]+ s"
)


def start_make_neo4j(data: Path, port: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    env = {"NEO4J_DATA": str(data), "NEO4J_PORT": str(port)}
    process = start(["make", "--no-print-directory", "--silent", "neo4j"], env, log)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        for line in log.read_text().splitlines():
            if match := READY_LINE.match(line):
                assert int(match.group(3)) == port
                return process, match.group(2)
        time.sleep(0.2)
    raise AssertionError("make neo4j printed no ready line:\n" + log.read_text())


def test_make_neo4j_keeps_its_data_across_a_restart(
    tmp_path: Path, stop_on_exit: list[subprocess.Popen[bytes]]
) -> None:
    port = free_port()
    for round_trip in ("write", "read"):
        process, uri = start_make_neo4j(tmp_path / "store", port, tmp_path / f"{round_trip}.log")
        stop_on_exit.append(process)
        with GraphDatabase.driver(uri, auth=None) as driver:
            if round_trip == "write":
                driver.execute_query("CREATE (:Marker {value: 42})", database_="neo4j")
            else:
                records, _, _ = driver.execute_query(
                    "MATCH (m:Marker) RETURN m.value AS value", database_="neo4j"
                )
                assert [r["value"] for r in records] == [42]
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        assert group_is_gone(process), "make neo4j left a JVM behind"


def other_pythons() -> list[str]:
    """The supported Pythons this machine has besides the one running the suite."""
    found = subprocess.run(
        [ROOT / "scripts" / "find-python.sh", "--all"], capture_output=True, text=True, check=True
    )
    own = f"python{sys.version_info.major}.{sys.version_info.minor}"
    return [python for python in found.stdout.split() if Path(python).name != own]


@pytest.mark.parametrize("python", other_pythons())
def test_on_every_other_python_make_run_serves_and_the_database_free_tests_pass(
    python: str,
    neo4j_server: Neo4jServer,
    tmp_path: Path,
    stop_on_exit: list[subprocess.Popen[bytes]],
) -> None:
    """`make run PYTHON=...` builds a venv of that version and serves; a sign-up works. So a
    break on 3.11, 3.12 or 3.13 fails the suite, whichever of them runs it."""
    venv = ".venv-" + Path(python).name.removeprefix("python")
    port = free_port()
    log = tmp_path / "run.log"
    env = on_neo4j(neo4j_server, port, PYTHON=python, VENV=venv)
    process = start(["make", "--no-print-directory", "run"], env, log)
    stop_on_exit.append(process)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base, process, log)
    handle = f"on-{venv.removeprefix('.venv-').replace('.', '-')}-{time.monotonic_ns() % 10**6}"
    sign_up = SIGN_UP.replace('"grace"', f'"{handle}"').replace("grace@", f"{handle}@")
    answer = httpx.post(f"{base}/graphql", json={"query": sign_up}, timeout=10).json()
    assert answer["data"]["signUp"]["errors"] == [], answer
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=30)
    assert group_is_gone(process)
    database_free = ["-m", "pytest", "-q", "-m", "not integration", "-p", "no:cacheprovider"]
    tests = subprocess.run(
        [ROOT / venv / "bin" / "python", *database_free],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert tests.returncode == 0, tests.stdout[-3000:]
