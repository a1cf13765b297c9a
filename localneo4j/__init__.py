"""Starts the project's own Neo4j (localneo4j/run.sh) as a child process and waits for Bolt.

Used by `make run`, the test fixtures and the benchmarks. The child is started with
--stop-on-stdin-eof, so it stops when its parent goes away, however that happens.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

RUN_SCRIPT = Path(__file__).resolve().parent / "run.sh"
NO_PLUGINS = {"NEO4J_LOCAL_PLUGINS": ""}  # run.sh then loads no plugin folder
READY = re.compile(r"Neo4j (\S+) ready at (bolt://\S+) \(started in ([\d.]+) s")
START_TIMEOUT_SECONDS = 600  # the first start builds and downloads the jars


class LocalNeo4jError(RuntimeError):
    """The local Neo4j did not start; the message carries its output."""


@dataclass
class LocalNeo4j:
    process: subprocess.Popen[str]
    uri: str
    version: str
    startup_seconds: float

    def kill(self) -> None:
        """kill -9: no shutdown, no checkpoint (for fault tests)."""
        self.process.kill()
        self.process.wait()
        if self.process.stdin:
            self.process.stdin.close()

    def stop(self, timeout: float = 60) -> None:
        """Close stdin (the child's signal to shut down cleanly) and wait for it to exit."""
        if self.process.poll() is None:
            if self.process.stdin:
                self.process.stdin.close()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(
    data_dir: Path,
    port: int = 0,
    log_file: Path | None = None,
    pagecache_mb: int = 512,
    heap: str = "1g",
    config: Path | None = None,
    plugins: bool = True,
) -> LocalNeo4j:
    """Start Neo4j on 127.0.0.1:`port` (0: any free port) with its store in `data_dir`;
    the benchmark gives larger stores more page cache and heap, and may add settings from a
    neo4j.conf-style `config` file. Without `plugins`, Neo4j runs without the network index
    (as Aura would), for the tests of the reference path."""
    command = [str(RUN_SCRIPT), "--data", str(data_dir), "--port", str(port), "--stop-on-stdin-eof"]
    command += ["--pagecache-mb", str(pagecache_mb)]
    if config is not None:
        command += ["--config", str(config)]
    process = subprocess.Popen(  # noqa: S603 (a fixed command of our own)
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NEO4J_LOCAL_HEAP": heap, **({} if plugins else NO_PLUGINS)},
    )
    lines: list[str] = []
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if match := READY.search(line):
            _drain(process, log_file)
            return LocalNeo4j(process, match.group(2), match.group(1), float(match.group(3)))
    process.kill()
    process.wait()
    raise LocalNeo4jError("the local Neo4j did not start:\n" + "".join(lines[-40:]))


def import_full(data_dir: Path, files: list[str], heap: str = "2g") -> None:
    """`neo4j-admin database import full` into the empty store `data_dir` (not running);
    `files` are the --nodes=... and --relationships=... arguments. The importer's progress
    goes to stderr; a failed import raises with its exit code."""
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [str(RUN_SCRIPT), "admin", str(data_dir), "database", "import", "full", "neo4j"]
    command += [
        *files,
        "--high-parallel-io=on",
        "--overwrite-destination",
        f"--report-file={data_dir / 'import.report'}",
    ]
    done = subprocess.run(  # noqa: S603 (a fixed command of our own)
        command, stdout=sys.stderr, env={**os.environ, "NEO4J_LOCAL_HEAP": heap}, check=False
    )
    if done.returncode:
        raise LocalNeo4jError(f"neo4j-admin import exited with {done.returncode}")


def _drain(process: subprocess.Popen[str], log_file: Path | None) -> None:
    """Keep reading the child's output (into a file or nowhere) so it never blocks on a pipe."""

    def copy() -> None:
        assert process.stdout is not None
        sink = log_file.open("a") if log_file else None
        try:
            for line in process.stdout:
                if sink:
                    sink.write(line)
                    sink.flush()
        finally:
            process.stdout.close()
            if sink:
                sink.close()

    threading.Thread(target=copy, name="neo4j-output", daemon=True).start()
