"""Traces are on only where the standard OTEL_* variables ask for them (server.traces.wanted):
an endpoint to send them to, and neither the SDK nor the traces' exporter turned off."""

from __future__ import annotations

from server.traces import wanted

ENDPOINT = {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}


def test_traces_are_off_without_an_endpoint() -> None:
    assert not wanted({})
    assert not wanted({"OTEL_SERVICE_NAME": "vernetzt", "OTEL_TRACES_SAMPLER": "always_on"})


def test_an_endpoint_turns_them_on_unless_the_sdk_or_the_exporter_is_off() -> None:
    assert wanted(ENDPOINT)
    assert wanted({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:4318/v1/traces"})
    assert not wanted({**ENDPOINT, "OTEL_SDK_DISABLED": "true"})
    assert not wanted({**ENDPOINT, "OTEL_SDK_DISABLED": "TRUE"})
    assert not wanted({**ENDPOINT, "OTEL_TRACES_EXPORTER": "none"})
    assert wanted({**ENDPOINT, "OTEL_SDK_DISABLED": "false"})
