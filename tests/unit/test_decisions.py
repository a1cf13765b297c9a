"""The order of refusals of sendInvitation and follow (rules, "Errors"; R4-R8, R13)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from resolvers.errors import ErrorCode
from resolvers.rules.network import (
    Outcome,
    PairState,
    decide_follow,
    decide_invitation,
)
from settings import Settings

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
NOW_MS = int(NOW.timestamp() * 1000)
SETTINGS = Settings(connection_limit=10, weekly_invitation_limit=3, reinvite_cooldown_days=21)
FREE = PairState(
    is_self=False, blocked=False, viewer_blocked=False, connected=False, sent_id=None,
    received_id=None, invitation_policy="EVERYONE", email_key="bob@example.org",
    who_can_follow="EVERYONE", viewer_connections=0, member_connections=0, invitation_log=[],
    withdrew_at=None,
)  # fmt: skip
FULL_QUOTA = [NOW_MS - 1000 * i for i in range(1, 4)]
AT_CAP = {"member_connections": 10}
COOLING = {"withdrew_at": NOW_MS - 1000}


def code(state: PairState | None, email: str | None = None) -> ErrorCode | None:
    decision = decide_invitation(state, email, SETTINGS, NOW)
    return decision.refusal.code if decision.refusal else None


def pair(**changes: object) -> PairState:
    return dataclasses.replace(FREE, **changes)  # type: ignore[arg-type]


def test_a_free_pair_gets_an_invitation() -> None:
    assert decide_invitation(FREE, None, SETTINGS, NOW).outcome is Outcome.CREATE_INVITATION


def test_refusal_order_for_everyone_policy() -> None:
    everything = {"invitation_log": FULL_QUOTA, **AT_CAP, **COOLING}
    assert code(None) is ErrorCode.NOT_FOUND
    assert code(pair(blocked=True, is_self=True)) is ErrorCode.NOT_FOUND
    assert code(pair(is_self=True, connected=True)) is ErrorCode.SELF_ACTION
    assert code(pair(connected=True, sent_id="i", **everything)) is ErrorCode.ALREADY_CONNECTED
    assert code(pair(sent_id="i", **everything)) is ErrorCode.INVITATION_PENDING
    assert code(pair(**everything)) is ErrorCode.CONNECTION_LIMIT
    assert code(pair(invitation_log=FULL_QUOTA, **COOLING)) is ErrorCode.REINVITE_COOLDOWN
    assert code(pair(invitation_log=FULL_QUOTA)) is ErrorCode.INVITATION_LIMIT


def test_knows_email_checks_the_quota_before_the_address_r5() -> None:
    policy = {"invitation_policy": "KNOWS_EMAIL"}
    everything = {"invitation_log": FULL_QUOTA, **AT_CAP, **COOLING}
    assert code(pair(**policy, **everything)) is ErrorCode.INVITATION_LIMIT
    wrong = decide_invitation(pair(**policy, **AT_CAP), "x@example.org", SETTINGS, NOW)
    assert (wrong.outcome, wrong.refusal and wrong.refusal.code) == (
        Outcome.COUNT_ATTEMPT, ErrorCode.EMAIL_REQUIRED
    )  # fmt: skip
    assert code(pair(**policy, **AT_CAP), "BOB@example.org") is ErrorCode.CONNECTION_LIMIT
    assert code(pair(**policy, **COOLING), "bob@example.org") is ErrorCode.REINVITE_COOLDOWN
    assert code(pair(**policy), " Bob@Example.org ") is None


def test_a_crossing_invitation_is_accepted_unless_a_cap_refuses_r4() -> None:
    crossing = pair(received_id="theirs", invitation_log=FULL_QUOTA, **COOLING)
    assert decide_invitation(crossing, None, SETTINGS, NOW).outcome is Outcome.ACCEPT_THEIRS
    assert code(dataclasses.replace(crossing, viewer_connections=10)) is ErrorCode.CONNECTION_LIMIT


def test_limits_carry_retry_after() -> None:
    cooldown = decide_invitation(pair(**COOLING), None, SETTINGS, NOW).refusal
    assert cooldown is not None
    assert cooldown.retry_after == datetime.fromtimestamp((NOW_MS - 1000) / 1000, UTC) + timedelta(
        days=21
    )
    quota = decide_invitation(pair(invitation_log=FULL_QUOTA), None, SETTINGS, NOW).refusal
    assert quota is not None
    oldest = datetime.fromtimestamp(min(FULL_QUOTA) / 1000, UTC)
    assert quota.retry_after == oldest + timedelta(days=7)


def test_an_expired_cooldown_and_old_invitations_do_not_refuse() -> None:
    old = NOW_MS - int(timedelta(days=22).total_seconds() * 1000)
    assert code(pair(withdrew_at=old, invitation_log=[old, old, old])) is None


def test_follow_refusals_r13() -> None:
    assert decide_follow(None) is not None
    assert decide_follow(pair(blocked=True)).code is ErrorCode.NOT_FOUND  # type: ignore[union-attr]
    assert decide_follow(pair(is_self=True)).code is ErrorCode.SELF_ACTION  # type: ignore[union-attr]
    refused = decide_follow(pair(who_can_follow="CONNECTIONS"))
    assert refused is not None
    assert refused.code is ErrorCode.FOLLOW_NOT_ALLOWED
    assert decide_follow(pair(who_can_follow="CONNECTIONS", connected=True)) is None
