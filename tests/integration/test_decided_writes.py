"""A write in one statement (resolvers.request.writes.decided_write) writes only on the state its
rule decided on: read again under the pair's lock, a state that changed since writes nothing and
takes nothing of the write limit, so the mutation decides again on what is there now (R13)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cypher.database import Database
from cypher.rows.network import PairStateRow
from resolvers.enums import NotificationKind
from resolvers.network import FOLLOW_MEMBER, PAIR_FACTS, pair_params, write_params
from resolvers.notifications import Notice, notification_params
from resolvers.request import ids
from resolvers.request.clock import epoch_ms
from settings import Settings
from tests.support.client import Account, Api
from tests.support.network import FOLLOW, codes, mutate


class At:
    """What write_params reads of a request: its settings and its time."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.now = datetime.now(UTC)


def follow_params(viewer: str, member: str, decided_on: Mapping[str, Any]) -> dict[str, Any]:
    at = At()
    take = {"key": f"writes:{viewer}", "now": epoch_ms(at.now), "limit": 120, "windowMs": 60_000}
    notice = Notice(NotificationKind.NEW_FOLLOWER, member, viewer, follow_since=epoch_ms(at.now))
    params = FOLLOW_MEMBER.params(
        state=pair_params(viewer, member),
        take=take,
        follow=write_params(at, viewer, target=member),  # type: ignore[arg-type]
        notify=notification_params(at, notice),  # type: ignore[arg-type]
    )
    return {**params, "decidedOn": decided_on}


async def follows(db: Database, viewer: str, member: str) -> bool:
    row = await db.read_one(
        "RETURN EXISTS { (:Member {id: $viewer})-[:FOLLOWS]->(:Member {id: $member}) } AS f",
        viewer=viewer,
        member=member,
    )
    return bool(row and row["f"])


@dataclass(frozen=True)
class Pair:
    """A fan and a star, their ids in the database, and their state as a write decides on it."""

    fan: Account
    star: Account
    viewer: str
    member: str
    decided_on: PairStateRow


async def pair(api: Api, db: Database) -> Pair:
    fan, star = await api.sign_up(), await api.sign_up()
    viewer, member = ids.decode_as(fan.id, "Member")[1], ids.decode_as(star.id, "Member")[1]
    decided_on = await db.read_one(PAIR_FACTS, viewer=viewer, member=member)
    assert decided_on is not None
    return Pair(fan, star, viewer, member, decided_on)


async def test_r13_a_follow_decided_on_a_state_that_changed_writes_nothing(
    api: Api, db: Database
) -> None:
    found = await pair(api, db)
    viewer, member = found.viewer, found.member
    assert found.decided_on["whoCanFollow"] == "EVERYONE"  # the rule lets anyone follow: decided
    await db.write(
        "MATCH (m:Member {id: $member}) SET m.whoCanFollow = 'CONNECTIONS'", member=member
    )

    row = await db.write_one(FOLLOW_MEMBER.query, **follow_params(viewer, member, found.decided_on))

    assert row is not None
    assert row["state"]["whoCanFollow"] == "CONNECTIONS"
    assert (row["take"], row["follow"], row["notify"]) == (None, None, None)
    assert not await follows(db, viewer, member)
    # Through the API the mutation decides again, on the state as it is now.
    assert codes(await mutate(api, FOLLOW, found.fan, id=found.star.id)) == ["FOLLOW_NOT_ALLOWED"]


async def test_r13_a_follow_decided_on_the_state_as_it_is_writes_and_notifies(
    api: Api, db: Database
) -> None:
    found = await pair(api, db)
    viewer, member = found.viewer, found.member
    params = follow_params(viewer, member, found.decided_on)

    row = await db.write_one(FOLLOW_MEMBER.query, **params)

    assert row is not None
    assert row["take"]["takenAt"] is not None
    assert row["follow"]["created"] is True
    assert row["notify"]["seq"] >= 1
    assert await follows(db, viewer, member)
    # A follow that already exists takes the limit but makes no second notification (R26).
    again = await db.write_one(FOLLOW_MEMBER.query, **params)
    assert again is not None
    assert again["follow"]["created"] is False
    assert again["notify"] is None
