"""The log lines (server/logs.py) on their own: one JSON object a record, the scene's trace id,
and what must never be written redacted, in the message and the traceback alike."""

from __future__ import annotations

import json
import logging
import sys

from server.logs import REDACTED, JsonLines, keep_document_secret, keep_secret, scene

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJl"


def line(message: str, failing: Exception | None = None) -> dict[str, object]:
    record = logging.LogRecord("vernetzt.test", logging.ERROR, __file__, 1, message, (), None)
    if failing is not None:
        try:
            raise failing
        except Exception:
            record.exc_info = sys.exc_info()
    parsed: dict[str, object] = json.loads(JsonLines().format(record))
    return parsed


def test_a_record_is_one_json_line_with_the_callers_trace_id() -> None:
    with scene(TRACEPARENT):
        written = line("hello")
    assert written["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert (written["level"], written["logger"], written["message"]) == (
        "error",
        "vernetzt.test",
        "hello",
    )


def test_a_malformed_traceparent_gets_a_trace_id_of_its_own() -> None:
    with scene("00-not-a-trace"):
        first = line("x")["trace_id"]
    with scene(None):
        second = line("x")["trace_id"]
    assert isinstance(first, str)
    assert len(first) == 32
    assert first != second


def test_emails_tokens_and_what_the_request_brought_are_redacted_everywhere() -> None:
    with scene(None):
        keep_secret({"input": {"password": "hunter2-secret", "body": ["a private word"]}})
        keep_document_secret('mutation { sendMessage(input: {body: "inline words"}) { x } }')
        written = line(
            f"ana@example.org said inline words with Bearer {TOKEN}",
            failing=ValueError("hunter2-secret and a private word"),
        )
    text = json.dumps(written)
    for private in ("ana@example.org", TOKEN, "hunter2-secret", "a private word", "inline words"):
        assert private not in text
    assert REDACTED in str(written["message"])
    assert "ValueError" in str(written["error"])  # the traceback stays, its secrets do not


def test_short_values_are_not_redacted_so_lines_stay_readable() -> None:
    with scene(None):
        keep_secret({"first": 10, "lang": "en"})
        assert line("the request went well")["message"] == "the request went well"
