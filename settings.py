"""Every setting of Vernetzt, read once from the environment (an optional `.env` file fills gaps).

Development gets safe defaults so that `make run` works on a fresh clone. Production
(`VERNETZT_ENV=production`) refuses to start with the development secret or a short one, and
turns the GraphQL IDE off unless asked for.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Known to everyone, so refused in production (check()).
DEVELOPMENT_SECRET = "vernetzt-development-secret-do-not-use-in-production"  # noqa: S105
MIN_SECRET_LENGTH = 32
ENVIRONMENTS = ("development", "test", "production")


class SettingsError(ValueError):
    """A setting is missing, malformed or unsafe; the process must not start."""


@dataclass(frozen=True)
class Settings:
    environment: str = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = ""
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    secret: str = DEVELOPMENT_SECRET
    token_ttl_seconds: int = 3600
    token_issuer: str = "vernetzt"  # noqa: S105 (a name, not a secret)
    token_audience: str = "vernetzt-api"  # noqa: S105 (a name, not a secret)
    # Argon2id cost (RFC 9106's second recommended option by default).
    password_hash_time_cost: int = 3
    password_hash_memory_kib: int = 65536
    password_hash_parallelism: int = 4
    graphql_ide: bool = True
    inmail_starting_credits: int = 0
    connection_limit: int = 30000
    weekly_invitation_limit: int = 100
    reinvite_cooldown_days: int = 21
    # Abuse limits (docs/security.md says why these numbers).
    introspection: bool = True
    cors_origins: tuple[str, ...] = ()
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_query_cost: int = 5000
    max_body_bytes: int = 100_000
    sign_in_failures_per_account: int = 10  # per 15 minutes
    sign_ins_per_address: int = 100  # per 15 minutes
    sign_ups_per_address: int = 30  # per 10 minutes
    writes_per_member: int = 120  # per minute
    db_timeout_seconds: float = 5.0

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    def check(self) -> Settings:
        """Refuse settings that are unsafe or impossible; return self when they are fine."""
        if self.environment not in ENVIRONMENTS:
            raise SettingsError(f"VERNETZT_ENV must be one of {', '.join(ENVIRONMENTS)}")
        if self.is_production and self.secret == DEVELOPMENT_SECRET:
            raise SettingsError("VERNETZT_SECRET must be set in production")
        if len(self.secret) < MIN_SECRET_LENGTH:
            raise SettingsError(f"VERNETZT_SECRET must be at least {MIN_SECRET_LENGTH} characters")
        for name in ("token_ttl_seconds", "connection_limit", "weekly_invitation_limit"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name} must be positive")
        return self


def _read_dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip().strip("'\"")
    return values


def _bool(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}")


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be an integer, not {value!r}") from None


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Settings:
    """Build Settings from the environment (which wins) over an optional .env file."""
    env = {
        **(_read_dotenv(dotenv) if dotenv else {}),
        **(os.environ if environ is None else environ),
    }

    def text(name: str, default: str) -> str:
        return env.get(name, default)

    def number(name: str, default: int) -> int:
        return _int(env[name], name) if name in env else default

    environment = text("VERNETZT_ENV", "development")
    ide_default = "false" if environment == "production" else "true"
    origins = text("VERNETZT_CORS_ORIGINS", "")
    return Settings(
        environment=environment,
        host=text("HOST", Settings.host),
        port=number("PORT", Settings.port),
        neo4j_uri=text("NEO4J_URI", Settings.neo4j_uri),
        neo4j_user=text("NEO4J_USER", Settings.neo4j_user),
        neo4j_password=text("NEO4J_PASSWORD", Settings.neo4j_password),
        neo4j_database=text("NEO4J_DATABASE", Settings.neo4j_database),
        secret=text("VERNETZT_SECRET", DEVELOPMENT_SECRET),
        token_ttl_seconds=number("VERNETZT_TOKEN_TTL_SECONDS", Settings.token_ttl_seconds),
        password_hash_time_cost=number(
            "VERNETZT_PASSWORD_HASH_TIME_COST", Settings.password_hash_time_cost
        ),
        password_hash_memory_kib=number(
            "VERNETZT_PASSWORD_HASH_MEMORY_KIB", Settings.password_hash_memory_kib
        ),
        graphql_ide=_bool(text("VERNETZT_GRAPHQL_IDE", ide_default), "VERNETZT_GRAPHQL_IDE"),
        inmail_starting_credits=number(
            "VERNETZT_INMAIL_STARTING_CREDITS", Settings.inmail_starting_credits
        ),
        connection_limit=number("VERNETZT_CONNECTION_LIMIT", Settings.connection_limit),
        weekly_invitation_limit=number(
            "VERNETZT_WEEKLY_INVITATION_LIMIT", Settings.weekly_invitation_limit
        ),
        reinvite_cooldown_days=number(
            "VERNETZT_REINVITE_COOLDOWN_DAYS", Settings.reinvite_cooldown_days
        ),
        introspection=_bool(text("VERNETZT_INTROSPECTION", ide_default), "VERNETZT_INTROSPECTION"),
        cors_origins=tuple(origin.strip() for origin in origins.split(",") if origin.strip()),
        max_query_depth=number("VERNETZT_MAX_QUERY_DEPTH", Settings.max_query_depth),
        max_aliases=number("VERNETZT_MAX_ALIASES", Settings.max_aliases),
        max_tokens=number("VERNETZT_MAX_TOKENS", Settings.max_tokens),
        max_query_cost=number("VERNETZT_MAX_QUERY_COST", Settings.max_query_cost),
        max_body_bytes=number("VERNETZT_MAX_BODY_BYTES", Settings.max_body_bytes),
        sign_in_failures_per_account=number(
            "VERNETZT_SIGN_IN_FAILURES_PER_ACCOUNT", Settings.sign_in_failures_per_account
        ),
        sign_ins_per_address=number("VERNETZT_SIGN_INS_PER_ADDRESS", Settings.sign_ins_per_address),
        sign_ups_per_address=number("VERNETZT_SIGN_UPS_PER_ADDRESS", Settings.sign_ups_per_address),
        writes_per_member=number("VERNETZT_WRITES_PER_MEMBER", Settings.writes_per_member),
        db_timeout_seconds=float(
            number("VERNETZT_DB_TIMEOUT_SECONDS", int(Settings.db_timeout_seconds))
        ),
    ).check()
