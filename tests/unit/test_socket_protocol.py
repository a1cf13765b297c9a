"""The WebSocket protocol every launcher runs (websocket.BoundedWebSockets, uvicorn_flags): a
peer that takes nothing is cut off. Pure unit tests: a stand-in transport and loop."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from server.websocket import BoundedWebSockets, uvicorn_flags
from settings import Settings

ROOT = Path(__file__).resolve().parents[2]


class Transport:
    def __init__(self, buffered: int) -> None:
        self.buffered, self.aborted = buffered, False

    def get_write_buffer_size(self) -> int:
        return self.buffered

    def abort(self) -> None:
        self.aborted = True


class Loop:
    """Keeps the timers it is asked for; a test fires them."""

    def __init__(self) -> None:
        self.timers: list[tuple[float, Any, tuple[Any, ...]]] = []

    def call_later(self, delay: float, callback: Any, *args: Any) -> Timer:
        self.timers.append((delay, callback, args))
        return Timer()


class Timer:
    cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def protocol(buffered: int) -> tuple[BoundedWebSockets, Transport, Loop]:
    """The protocol's own state only: what uvicorn's __init__ would set, and our limits."""
    bounded = BoundedWebSockets.__new__(BoundedWebSockets)
    transport, loop = Transport(buffered), Loop()
    bounded.transport, bounded.loop = transport, loop  # type: ignore[assignment]
    bounded.writable = asyncio.Event()
    bounded.drain_seconds, bounded.max_output, bounded.stall = 10.0, 1_048_576, None
    return bounded, transport, loop


def test_a_peer_that_does_not_drain_in_time_is_cut_off() -> None:
    bounded, transport, loop = protocol(buffered=70_000)
    bounded.pause_writing()
    [(delay, callback, args)] = loop.timers
    assert (delay, transport.aborted) == (10.0, False)
    callback(*args)
    assert transport.aborted


def test_a_peer_that_drains_in_time_is_kept() -> None:
    bounded, transport, _loop = protocol(buffered=70_000)
    bounded.pause_writing()
    timer = bounded.stall
    bounded.resume_writing()
    assert isinstance(timer, Timer)
    assert timer.cancelled
    assert bounded.stall is None
    assert not transport.aborted


def test_output_past_the_cap_is_cut_off_at_once() -> None:
    bounded, transport, loop = protocol(buffered=1_048_577)
    bounded.pause_writing()
    assert transport.aborted
    assert loop.timers == []


def test_the_image_runs_uvicorn_with_the_socket_limits() -> None:
    """The Dockerfile cannot call Python for its command: its flags are written out, and must
    be those every other launcher uses."""
    command = re.search(r"^CMD .*$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert command is not None
    assert " ".join(uvicorn_flags(Settings())) in command.group(0)
