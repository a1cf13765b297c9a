"""Settings: safe defaults for development, refusal of unsafe production settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from settings import DEVELOPMENT_SECRET, SettingsError, load_settings


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
    [("PORT", "eighty"), ("VERNETZT_GRAPHQL_IDE", "maybe"), ("VERNETZT_ENV", "staging"),
     ("VERNETZT_CONNECTION_LIMIT", "0")],
)  # fmt: skip
def test_malformed_values_are_refused(name: str, value: str) -> None:
    with pytest.raises(SettingsError):
        load_settings({name: value}, dotenv=None)


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("# local\nPORT=9000\nNEO4J_URI='bolt://db:7687'\n")
    settings = load_settings({"PORT": "9100"}, dotenv=dotenv)
    assert (settings.port, settings.neo4j_uri) == (9100, "bolt://db:7687")
