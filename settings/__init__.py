"""Every setting of Vernetzt, read once from the environment (an optional `.env` file fills gaps).

Development gets safe defaults so that `make run` works on a fresh clone. Production
(`VERNETZT_ENV=production`) refuses to start with the development secret or a short one, and
turns the GraphQL IDE and introspection off unless asked for.

VARIABLES is the one list of what is read: each field's variable. The field's type says how the
variable's text is parsed, so a new setting is a field and a line in VARIABLES.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_type_hints

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
    workers: int = 1  # API processes serving on HOST:PORT (make run, the image); one per core
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
    notification_retention_days: int = 90  # R26: older notifications are gone
    # Abuse limits (docs/security.md says why these numbers).
    introspection: bool = True
    cors_origins: tuple[str, ...] = ()
    # Addresses or networks of the proxies whose X-Forwarded-For names the client (none: the
    # socket's peer is the client, and the header is ignored).
    trusted_proxies: tuple[str, ...] = ()
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_query_cost: int = 5000
    max_body_bytes: int = 100_000
    sign_in_failures_per_account: int = 10  # per 15 minutes
    sign_ins_per_address: int = 100  # per 15 minutes
    sign_ups_per_address: int = 30  # per 10 minutes
    writes_per_member: int = 120  # per minute
    reads_per_member: int = 60_000  # units of query cost per minute (resolvers.access.read_budget)
    db_timeout_seconds: float = 5.0
    # R28: the deletion of an account is one transaction with its own limit (docs/account.md
    # has the measurement behind it), and a member gets one data export per this many minutes.
    delete_account_timeout_seconds: float = 60.0
    export_interval_minutes: int = 60
    # Past this, requestDataExport refuses (EXPORT_TOO_LARGE) and the download (GET /export),
    # written as it is read, is the way to the data.
    export_max_bytes: int = 50_000_000
    # Live delivery (R27): how often each process polls Neo4j for new items while it has
    # subscribers; sockets per member (all processes) and subscriptions per socket; the
    # server's pings, the silence after which a socket is closed, and how often a process
    # renews its sockets and checks their tokens (signOut and expiry close them).
    live_poll_ms: int = 200
    sockets_per_member: int = 5
    subscriptions_per_socket: int = 20
    socket_ping_seconds: float = 20.0
    socket_idle_seconds: float = 60.0
    socket_check_seconds: float = 5.0
    # Hostile sockets (docs/security.md): connection_init must come within `socket_init_seconds`;
    # a message may have at most `socket_max_message_bytes` (checked before it is parsed); a
    # peer that does not take what is sent to it within `socket_send_seconds`, or lets more than
    # `socket_max_output_bytes` queue up, is cut off.
    socket_init_seconds: float = 5.0
    socket_max_message_bytes: int = 65_536
    socket_send_seconds: float = 10.0
    socket_max_output_bytes: int = 1_048_576
    # The lowest level written to the JSON log lines (server/logs.py): DEBUG, INFO, WARNING...
    log_level: str = "INFO"
    # Housekeeping (resolvers/housekeeping.py): how often a process offers to sweep what
    # expired, how many items one transaction deletes, and how long the sweeping process holds
    # the lease (renewed every batch) before another may take over.
    sweep_seconds: float = 60.0
    sweep_batch: int = 1000
    sweep_lease_seconds: float = 30.0
    # One request's share of the process's Neo4j connections (the driver holds 100): its reads
    # wait for one another beyond this many at once.
    db_reads_per_request: int = 8
    # Run only the operations the release's clients ship with (web/operations.json), by hash or
    # by text: trusted documents, for production (server/persisted.py).
    trusted_operations_only: bool = False
    # GET /metrics answers only a request bearing this token; unset: no metrics endpoint. With
    # addresses or networks listed, only from those too (the socket's peer: the scraper's own).
    metrics_token: str = ""
    metrics_addresses: tuple[str, ...] = ()
    # Discovery (R10, R21, R23) through the network index's procedures where Neo4j has the
    # plugin (docs/discovery.md); off: always through the reference Cypher.
    network_index: bool = True

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def checks_rows(self) -> bool:
        """Under test, every row a query answers is checked against its declared shape."""
        return self.environment == "test"

    def check(self) -> Settings:
        """Refuse settings that are unsafe or impossible; return self when they are fine."""
        if self.environment not in ENVIRONMENTS:
            raise SettingsError(f"VERNETZT_ENV must be one of {', '.join(ENVIRONMENTS)}")
        if self.is_production and self.secret == DEVELOPMENT_SECRET:
            raise SettingsError("VERNETZT_SECRET must be set in production")
        if len(self.secret) < MIN_SECRET_LENGTH:
            raise SettingsError(f"VERNETZT_SECRET must be at least {MIN_SECRET_LENGTH} characters")
        if self.metrics_token and len(self.metrics_token) < MIN_SECRET_LENGTH:
            message = f"VERNETZT_METRICS_TOKEN must be at least {MIN_SECRET_LENGTH} characters"
            raise SettingsError(message)
        positive = (
            "workers",
            "token_ttl_seconds",
            "connection_limit",
            "weekly_invitation_limit",
            "notification_retention_days",
            "live_poll_ms",
            "sockets_per_member",
            "subscriptions_per_socket",
            "socket_ping_seconds",
            "socket_idle_seconds",
            "socket_check_seconds",
            "delete_account_timeout_seconds",
            "export_interval_minutes",
            "socket_init_seconds",
            "socket_max_message_bytes",
            "socket_send_seconds",
            "socket_max_output_bytes",
            "db_reads_per_request",
            "reads_per_member",
            "export_max_bytes",
            "sweep_seconds",
            "sweep_batch",
            "sweep_lease_seconds",
        )
        for name in positive:
            if getattr(self, name) <= 0:
                raise SettingsError(f"{VARIABLES[name]} must be positive")
        if self.log_level.upper() not in LOG_LEVELS:
            raise SettingsError(f"VERNETZT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        for name in ("trusted_proxies", "metrics_addresses"):
            for address in getattr(self, name):
                try:
                    ipaddress.ip_network(address, strict=False)
                except ValueError:
                    message = f"{VARIABLES[name]} lists {address!r}, not an address or network"
                    raise SettingsError(message) from None
        return self


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# Settings field -> its environment variable. A field missing here (token issuer and audience,
# Argon2 parallelism) is not read: its default is its only value.
VARIABLES: Mapping[str, str] = {
    "environment": "VERNETZT_ENV",
    "host": "HOST",
    "port": "PORT",
    "workers": "WORKERS",
    "neo4j_uri": "NEO4J_URI",
    "neo4j_user": "NEO4J_USER",
    "neo4j_password": "NEO4J_PASSWORD",
    "neo4j_database": "NEO4J_DATABASE",
    "secret": "VERNETZT_SECRET",
    "token_ttl_seconds": "VERNETZT_TOKEN_TTL_SECONDS",
    "password_hash_time_cost": "VERNETZT_PASSWORD_HASH_TIME_COST",
    "password_hash_memory_kib": "VERNETZT_PASSWORD_HASH_MEMORY_KIB",
    "graphql_ide": "VERNETZT_GRAPHQL_IDE",
    "inmail_starting_credits": "VERNETZT_INMAIL_STARTING_CREDITS",
    "connection_limit": "VERNETZT_CONNECTION_LIMIT",
    "weekly_invitation_limit": "VERNETZT_WEEKLY_INVITATION_LIMIT",
    "reinvite_cooldown_days": "VERNETZT_REINVITE_COOLDOWN_DAYS",
    "notification_retention_days": "VERNETZT_NOTIFICATION_RETENTION_DAYS",
    "introspection": "VERNETZT_INTROSPECTION",
    "cors_origins": "VERNETZT_CORS_ORIGINS",
    "trusted_proxies": "VERNETZT_TRUSTED_PROXIES",
    "max_query_depth": "VERNETZT_MAX_QUERY_DEPTH",
    "max_aliases": "VERNETZT_MAX_ALIASES",
    "max_tokens": "VERNETZT_MAX_TOKENS",
    "max_query_cost": "VERNETZT_MAX_QUERY_COST",
    "max_body_bytes": "VERNETZT_MAX_BODY_BYTES",
    "sign_in_failures_per_account": "VERNETZT_SIGN_IN_FAILURES_PER_ACCOUNT",
    "sign_ins_per_address": "VERNETZT_SIGN_INS_PER_ADDRESS",
    "sign_ups_per_address": "VERNETZT_SIGN_UPS_PER_ADDRESS",
    "writes_per_member": "VERNETZT_WRITES_PER_MEMBER",
    "reads_per_member": "VERNETZT_READS_PER_MEMBER",
    "db_timeout_seconds": "VERNETZT_DB_TIMEOUT_SECONDS",
    "trusted_operations_only": "VERNETZT_TRUSTED_OPERATIONS_ONLY",
    "metrics_token": "VERNETZT_METRICS_TOKEN",
    "metrics_addresses": "VERNETZT_METRICS_ADDRESSES",
    "network_index": "VERNETZT_NETWORK_INDEX",
    "delete_account_timeout_seconds": "VERNETZT_DELETE_ACCOUNT_TIMEOUT_SECONDS",
    "export_interval_minutes": "VERNETZT_EXPORT_INTERVAL_MINUTES",
    "export_max_bytes": "VERNETZT_EXPORT_MAX_BYTES",
    "live_poll_ms": "VERNETZT_LIVE_POLL_MS",
    "log_level": "VERNETZT_LOG_LEVEL",
    "sweep_seconds": "VERNETZT_SWEEP_SECONDS",
    "sweep_batch": "VERNETZT_SWEEP_BATCH",
    "sweep_lease_seconds": "VERNETZT_SWEEP_LEASE_SECONDS",
    "sockets_per_member": "VERNETZT_SOCKETS_PER_MEMBER",
    "subscriptions_per_socket": "VERNETZT_SUBSCRIPTIONS_PER_SOCKET",
    "socket_ping_seconds": "VERNETZT_SOCKET_PING_SECONDS",
    "socket_idle_seconds": "VERNETZT_SOCKET_IDLE_SECONDS",
    "socket_check_seconds": "VERNETZT_SOCKET_CHECK_SECONDS",
    "socket_init_seconds": "VERNETZT_SOCKET_INIT_SECONDS",
    "socket_max_message_bytes": "VERNETZT_SOCKET_MAX_MESSAGE_BYTES",
    "socket_send_seconds": "VERNETZT_SOCKET_SEND_SECONDS",
    "socket_max_output_bytes": "VERNETZT_SOCKET_MAX_OUTPUT_BYTES",
    "db_reads_per_request": "VERNETZT_DB_READS_PER_REQUEST",
}

# Schema discovery helps whoever develops a client and an attacker alike, so production serves
# neither unless its variable says so (docs/security.md, API9).
DISCOVERY_FIELDS = ("graphql_ide", "introspection")

# Resolved once: `from __future__ import annotations` leaves the dataclass's types as strings.
_FIELD_TYPES = get_type_hints(Settings)


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


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(value)


def _items(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


# Field type -> (parser, what a refused value should have been). A parser refuses with ValueError.
_PARSERS: dict[object, tuple[Callable[[str], object], str]] = {
    str: (str, "text"),
    int: (int, "an integer"),
    float: (float, "a number"),
    bool: (_bool, "true or false"),
    tuple[str, ...]: (_items, "comma-separated text"),
}


def _cast(name: str, value: str, kind: object) -> object:
    """Parse the text of variable `name` as `kind`, naming the variable and the value if refused."""
    parse, expected = _PARSERS[kind]
    try:
        return parse(value)
    except ValueError:
        raise SettingsError(f"{name} must be {expected}, not {value!r}") from None


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Settings:
    """Build Settings from the environment (which wins) over an optional .env file."""
    env = {
        **(_read_dotenv(dotenv) if dotenv else {}),
        **(os.environ if environ is None else environ),
    }
    # Any: each value has its field's type by way of _PARSERS, which mypy cannot follow.
    values: dict[str, Any] = {
        field: _cast(name, env[name], _FIELD_TYPES[field])
        for field, name in VARIABLES.items()
        if name in env
    }
    production = values.get("environment", Settings.environment) == "production"
    for field in DISCOVERY_FIELDS:
        values.setdefault(field, not production)
    return Settings(**values).check()
