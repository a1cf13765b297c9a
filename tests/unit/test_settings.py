"""Settings: safe defaults for development, refusal of unsafe production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import get_type_hints

import pytest

from settings import DEVELOPMENT_SECRET, VARIABLES, Settings, SettingsError, load_settings


def test_development_defaults_need_no_environment() -> None:
    settings = load_settings({}, dotenv=None)
    assert settings.environment == "development"
    assert settings.secret == DEVELOPMENT_SECRET
    assert settings.graphql_ide is True
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert (settings.connection_limit, settings.weekly_invitation_limit) == (30000, 100)


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(SettingsError, match="VERNETZT_SECRET"):
        load_settings({"VERNETZT_ENV": "production"}, dotenv=None)


def test_every_environment_refuses_a_short_secret() -> None:
    with pytest.raises(SettingsError, match="at least 32"):
        load_settings({"VERNETZT_SECRET": "short"}, dotenv=None)


def test_production_turns_the_ide_off_unless_asked() -> None:
    secret = {"VERNETZT_ENV": "production", "VERNETZT_SECRET": "p" * 48}
    assert load_settings(secret, dotenv=None).graphql_ide is False
    assert load_settings({**secret, "VERNETZT_GRAPHQL_IDE": "true"}, dotenv=None).graphql_ide


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "eighty"),
        ("VERNETZT_GRAPHQL_IDE", "maybe"),
        ("VERNETZT_ENV", "staging"),
        ("VERNETZT_CONNECTION_LIMIT", "0"),
    ],
)
def test_malformed_values_are_refused(name: str, value: str) -> None:
    with pytest.raises(SettingsError):
        load_settings({name: value}, dotenv=None)


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("# local\nPORT=9000\nNEO4J_URI='bolt://db:7687'\n")
    settings = load_settings({"PORT": "9100"}, dotenv=dotenv)
    assert (settings.port, settings.neo4j_uri) == (9100, "bolt://db:7687")


def test_a_fractional_db_timeout_is_kept() -> None:
    settings = load_settings({"VERNETZT_DB_TIMEOUT_SECONDS": "2.5"}, dotenv=None)
    assert settings.db_timeout_seconds == 2.5


@pytest.mark.parametrize(
    ("name", "value"),
    [("VERNETZT_DB_TIMEOUT_SECONDS", "soon"), ("PORT", "eighty"), ("VERNETZT_INTROSPECTION", "?")],
)
def test_a_refusal_names_the_variable_and_the_value(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings({name: value}, dotenv=None)
    assert name in str(refused.value)
    assert repr(value) in str(refused.value)


def test_the_db_timeout_refusal_says_a_number_is_wanted() -> None:
    expected = "VERNETZT_DB_TIMEOUT_SECONDS must be a number, not 'soon'"
    with pytest.raises(SettingsError, match=re.escape(expected)):
        load_settings({"VERNETZT_DB_TIMEOUT_SECONDS": "soon"}, dotenv=None)


def test_cors_origins_are_comma_separated_without_blanks() -> None:
    origins = " https://a.example, ,https://b.example ,"
    settings = load_settings({"VERNETZT_CORS_ORIGINS": origins}, dotenv=None)
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert load_settings({"VERNETZT_CORS_ORIGINS": ""}, dotenv=None).cors_origins == ()


def test_production_turns_introspection_off_unless_asked() -> None:
    secret = {"VERNETZT_ENV": "production", "VERNETZT_SECRET": "p" * 48}
    assert load_settings(secret, dotenv=None).introspection is False
    asked = {**secret, "VERNETZT_INTROSPECTION": "on"}
    assert load_settings(asked, dotenv=None).introspection is True


# Fixed in code on purpose; every other field must have a variable.
UNREAD = {"token_issuer", "token_audience", "password_hash_parallelism"}
FIELD_TYPES = get_type_hints(Settings)


def _changed(field: str) -> tuple[str, object]:
    """A valid text for `field`'s variable, other than the default, and the value it should give."""
    default = getattr(Settings(), field)
    kind = FIELD_TYPES[field]
    if kind is bool:
        return str(not default).lower(), not default
    if kind is int:
        return str(default + 1), default + 1
    if kind is float:
        return str(default + 0.25), default + 0.25
    if field in ("trusted_proxies", "metrics_addresses"):
        return "10.0.0.0/8,::1", ("10.0.0.0/8", "::1")
    if kind == tuple[str, ...]:
        return "https://a.example,https://b.example", ("https://a.example", "https://b.example")
    if field == "environment":
        return "test", "test"
    if field == "log_level":
        return "DEBUG", "DEBUG"
    # Long enough to pass as a secret too.
    return "changed-" + "x" * 32, "changed-" + "x" * 32


@pytest.mark.parametrize("field", [f.name for f in fields(Settings) if f.name not in UNREAD])
def test_every_field_is_read_from_its_variable(field: str) -> None:
    assert field in VARIABLES, f"{field} has no environment variable"
    text, value = _changed(field)
    assert getattr(load_settings({VARIABLES[field]: text}, dotenv=None), field) == value


def test_the_variables_keep_their_names() -> None:
    # Deployments set these names; renaming one silently drops a setting.
    assert set(VARIABLES.values()) == {
        "HOST",
        "PORT",
        "WORKERS",
        "NEO4J_URI",
        "NEO4J_USER",
        "NEO4J_PASSWORD",
        "NEO4J_DATABASE",
        "VERNETZT_ENV",
        "VERNETZT_SECRET",
        "VERNETZT_TOKEN_TTL_SECONDS",
        "VERNETZT_PASSWORD_HASH_TIME_COST",
        "VERNETZT_PASSWORD_HASH_MEMORY_KIB",
        "VERNETZT_GRAPHQL_IDE",
        "VERNETZT_INMAIL_STARTING_CREDITS",
        "VERNETZT_CONNECTION_LIMIT",
        "VERNETZT_WEEKLY_INVITATION_LIMIT",
        "VERNETZT_REINVITE_COOLDOWN_DAYS",
        "VERNETZT_INTROSPECTION",
        "VERNETZT_CORS_ORIGINS",
        "VERNETZT_MAX_QUERY_DEPTH",
        "VERNETZT_MAX_ALIASES",
        "VERNETZT_MAX_TOKENS",
        "VERNETZT_MAX_QUERY_COST",
        "VERNETZT_MAX_BODY_BYTES",
        "VERNETZT_SIGN_IN_FAILURES_PER_ACCOUNT",
        "VERNETZT_SIGN_INS_PER_ADDRESS",
        "VERNETZT_SIGN_UPS_PER_ADDRESS",
        "VERNETZT_WRITES_PER_MEMBER",
        "VERNETZT_DB_TIMEOUT_SECONDS",
        "VERNETZT_TRUSTED_PROXIES",
        "VERNETZT_TRUSTED_OPERATIONS_ONLY",
        "VERNETZT_METRICS_TOKEN",
        "VERNETZT_METRICS_ADDRESSES",
        "VERNETZT_NETWORK_INDEX",
        "VERNETZT_LOG_LEVEL",
        "VERNETZT_SWEEP_SECONDS",
        "VERNETZT_SWEEP_BATCH",
        "VERNETZT_SWEEP_LEASE_SECONDS",
        "VERNETZT_NOTIFICATION_RETENTION_DAYS",
        "VERNETZT_LIVE_POLL_MS",
        "VERNETZT_SOCKETS_PER_MEMBER",
        "VERNETZT_SUBSCRIPTIONS_PER_SOCKET",
        "VERNETZT_SOCKET_PING_SECONDS",
        "VERNETZT_SOCKET_IDLE_SECONDS",
        "VERNETZT_SOCKET_CHECK_SECONDS",
        "VERNETZT_DELETE_ACCOUNT_TIMEOUT_SECONDS",
        "VERNETZT_EXPORT_INTERVAL_MINUTES",
        "VERNETZT_SOCKET_INIT_SECONDS",
        "VERNETZT_SOCKET_MAX_MESSAGE_BYTES",
        "VERNETZT_SOCKET_SEND_SECONDS",
        "VERNETZT_SOCKET_MAX_OUTPUT_BYTES",
        "VERNETZT_DB_READS_PER_REQUEST",
        "VERNETZT_READS_PER_MEMBER",
        "VERNETZT_EXPORT_MAX_BYTES",
    }


def test_make_run_refuses_a_malformed_setting_by_its_name() -> None:
    """`make run` (scripts/run.py) stops before starting anything, with one line naming the
    variable and its value, not a traceback."""
    root = Path(__file__).resolve().parents[2]
    environment = {**os.environ, "VERNETZT_DB_TIMEOUT_SECONDS": "soon", "PORT": "1"}
    environment.pop("NEO4J_URI", None)
    done = subprocess.run(
        [sys.executable, "-m", "scripts.run"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "vernetzt: not started: VERNETZT_DB_TIMEOUT_SECONDS must be a number, not 'soon'\n"
    )


def test_a_metrics_token_is_as_long_as_a_secret() -> None:
    with pytest.raises(SettingsError, match="VERNETZT_METRICS_TOKEN must be at least"):
        Settings(metrics_token="short").check()
    assert Settings(metrics_token="m" * 40).check().metrics_token == "m" * 40
