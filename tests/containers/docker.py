"""The docker CLI for the container tests: each call's output, or an error carrying it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class DockerError(subprocess.SubprocessError):
    """A docker command that exited non-zero; the message carries what it printed."""


def docker(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    done = subprocess.run(
        ["docker", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise DockerError(f"docker {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return done.stdout
