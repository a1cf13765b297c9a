"""R29: connect or follow, explained. What the viewer can do with a member now, and for
connecting and following what each needs and would grant, derived from the very functions that
decide the actions (network.decide_invitation_knowing and decide_follow, messaging's refusals)
and the visibility rules as the queries apply them (R11, R13, R17, R19), over one state read
without locks (cypher/relationship_facts.cypher).

What an option grants is the capabilities of the state it would make: connecting, once
accepted, connects the two and makes each follow the other (R7); following adds the viewer's
follow. Whether it is available does not change what it would grant.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from cypher.rows.network import RelationshipFacts
from resolvers.enums import Capability, ConnectionsVisibility, ViewerAction
from resolvers.errors import ErrorCode
from resolvers.rules.messaging import MessageState, direct_message_refusal, inmail_refusal
from resolvers.rules.network import (
    PairState,
    decide_follow,
    decide_invitation_knowing,
    follow_counts,
)
from settings import Settings

C = Capability


@dataclass(frozen=True)
class Standing:
    """The viewer and a member, as every rule of R29 reads them."""

    pair: PairState  # what connecting and following decide on
    messaging: MessageState  # what messages and InMail decide on
    viewer_follows: bool  # the follow relationships as stored, hidden or not
    member_follows: bool
    viewer_who_can_follow: str  # whether the member's follow of the viewer is hidden (R13)
    connections_visibility: str  # the member's (R11)

    @classmethod
    def from_record(cls, record: RelationshipFacts) -> Standing:
        """From cypher/relationship_facts.cypher's row."""
        pair = PairState.from_record(record)
        messaging = MessageState.from_record(record)
        assert pair is not None
        assert messaging is not None
        return cls(
            pair=pair,
            messaging=messaging,
            viewer_follows=record["viewerFollows"],
            member_follows=record["memberFollows"],
            viewer_who_can_follow=record["viewerWhoCanFollow"],
            connections_visibility=record["connectionsVisibility"],
        )

    def connected(self) -> Standing:
        """The state once connecting took effect: connected, each following the other (R7)."""
        return dataclasses.replace(
            self,
            pair=dataclasses.replace(self.pair, connected=True, sent_id=None, received_id=None),
            messaging=dataclasses.replace(self.messaging, connected=True),
            viewer_follows=True,
            member_follows=True,
        )

    def following(self) -> Standing:
        """The state once following took effect."""
        return dataclasses.replace(self, viewer_follows=True)


@dataclass(frozen=True)
class Option:
    """Connecting or following one member (contract: RelationshipOption)."""

    action: ViewerAction
    unavailable_because: ErrorCode | None
    needs_consent: bool
    needs_email: bool
    grants: list[Capability]

    @property
    def available(self) -> bool:
        return self.unavailable_because is None


def capabilities(state: Standing) -> list[Capability]:
    """What the viewer can do with the member now, in the contract's order."""
    pair = state.pair
    if pair.blocked:
        return []
    connected = pair.connected or pair.is_self
    held = {
        C.MESSAGE: direct_message_refusal(state.messaging) is None,
        C.INMAIL: inmail_refusal(state.messaging) is None,
        # R19: the feed holds the viewer's own posts and those of members followed (R13).
        C.SEE_THEIR_POSTS: pair.is_self
        or (state.viewer_follows and follow_counts(pair.who_can_follow, connected)),
        C.SEE_THEIR_CONNECTIONS_ONLY_POSTS: connected,  # R17
        C.THEY_SEE_YOUR_POSTS: pair.is_self
        or (state.member_follows and follow_counts(state.viewer_who_can_follow, connected)),
        # R11: one's own list, or a connection's unless they hide it.
        C.SEE_THEIR_CONNECTIONS: pair.is_self
        or (connected and state.connections_visibility == ConnectionsVisibility.CONNECTIONS.value),
    }
    return [capability for capability in Capability if held[capability]]


def options(state: Standing, settings: Settings, now: datetime) -> list[Option]:
    """Connecting and following side by side; none on the viewer's own profile."""
    pair = state.pair
    if pair.is_self:
        return []
    # R4: inviting a member whose invitation is pending accepts it: no consent, no address.
    accepts_theirs = pair.received_id is not None
    connecting = decide_invitation_knowing(pair, True, settings, now).refusal
    following = decide_follow(pair)
    return [
        Option(
            ViewerAction.CONNECT,
            connecting.code if connecting else None,
            needs_consent=not accepts_theirs,
            needs_email=pair.invitation_policy == "KNOWS_EMAIL" and not accepts_theirs,
            grants=capabilities(state.connected()),
        ),
        Option(
            ViewerAction.FOLLOW,
            following.code if following else None,
            needs_consent=False,
            needs_email=False,
            grants=capabilities(state.following()),
        ),
    ]
