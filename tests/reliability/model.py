"""A reference model of the network rules (R2, R4-R11, R13, R18) in plain Python: it applies
each mutation and answers each observable, for any viewer, without a database."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass
class Model:
    members: list[str]
    connections: set[frozenset[str]] = field(default_factory=set)
    invitations: dict[tuple[str, str], bool] = field(default_factory=dict)  # -> ignored
    follows: set[tuple[str, str]] = field(default_factory=set)
    blocks: set[tuple[str, str]] = field(default_factory=set)
    withdrawn: set[tuple[str, str]] = field(default_factory=set)  # cooldowns (R8)
    who_can_follow: dict[str, str] = field(default_factory=dict)
    visibility: dict[str, str] = field(default_factory=dict)
    button: dict[str, str] = field(default_factory=dict)

    # -- relations -------------------------------------------------------------------------
    def connected(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.connections

    def blocked(self, a: str, b: str) -> bool:
        return (a, b) in self.blocks or (b, a) in self.blocks

    def follow_visible(self, a: str, b: str) -> bool:
        """R13: a follow hidden by CONNECTIONS does not exist for any observable."""
        return (a, b) in self.follows and (
            self.who_can_follow.get(b, "EVERYONE") == "EVERYONE" or self.connected(a, b)
        )

    def pending(self, a: str, b: str) -> bool:
        return (a, b) in self.invitations

    # -- mutations: each returns the error code the API must answer, or None ----------------
    def invite(self, a: str, b: str) -> str | None:
        if self.blocked(a, b):
            return "NOT_FOUND"
        if a == b:
            return "SELF_ACTION"
        if self.connected(a, b):
            return "ALREADY_CONNECTED"
        if self.pending(a, b):
            return "INVITATION_PENDING"
        if self.pending(b, a):
            self._connect(b, a)
            return None
        if (a, b) in self.withdrawn:
            return "REINVITE_COOLDOWN"
        self.invitations[(a, b)] = False
        return None

    def accept(self, inviter: str, invitee: str) -> str | None:
        if not self.pending(inviter, invitee):
            return "NOT_FOUND"
        self._connect(inviter, invitee)
        return None

    def ignore(self, inviter: str, invitee: str) -> str | None:
        if not self.pending(inviter, invitee):
            return "NOT_FOUND"
        self.invitations[(inviter, invitee)] = True
        return None

    def withdraw(self, inviter: str, invitee: str) -> str | None:
        if not self.pending(inviter, invitee):
            return "NOT_FOUND"
        del self.invitations[(inviter, invitee)]
        self.withdrawn.add((inviter, invitee))
        return None

    def remove(self, a: str, b: str) -> str | None:
        if self.blocked(a, b):
            return "NOT_FOUND"
        if a == b:
            return "SELF_ACTION"
        if not self.connected(a, b):
            return "NOT_CONNECTED"
        self.connections.discard(frozenset((a, b)))
        self.follows -= {(a, b), (b, a)}
        return None

    def follow(self, a: str, b: str) -> str | None:
        if self.blocked(a, b):
            return "NOT_FOUND"
        if a == b:
            return "SELF_ACTION"
        if self.who_can_follow.get(b, "EVERYONE") == "CONNECTIONS" and not self.connected(a, b):
            return "FOLLOW_NOT_ALLOWED"
        self.follows.add((a, b))
        return None

    def unfollow(self, a: str, b: str) -> str | None:
        if self.blocked(a, b):
            return "NOT_FOUND"
        if a == b:
            return "SELF_ACTION"
        self.follows.discard((a, b))
        return None

    def block(self, a: str, b: str) -> str | None:
        if self.blocked(a, b):
            return "NOT_FOUND"
        if a == b:
            return "SELF_ACTION"
        self.connections.discard(frozenset((a, b)))
        self.follows -= {(a, b), (b, a)}
        self.invitations.pop((a, b), None)
        self.invitations.pop((b, a), None)
        self.blocks.add((a, b))
        return None

    def unblock(self, a: str, b: str) -> str | None:
        if a == b:
            return "SELF_ACTION"
        if (a, b) not in self.blocks:
            return "NOT_FOUND"
        self.blocks.discard((a, b))
        return None

    def _connect(self, inviter: str, invitee: str) -> None:
        del self.invitations[(inviter, invitee)]
        self.connections.add(frozenset((inviter, invitee)))
        self.follows |= {(inviter, invitee), (invitee, inviter)}

    # -- observables ------------------------------------------------------------------------
    def neighbours(self, member: str) -> list[str]:
        return [other for pair in self.connections if member in pair for other in pair - {member}]

    def degree(self, viewer: str, member: str) -> str:
        if viewer == member:
            return "SELF"
        avoid = {m for m in self.members if self.blocked(viewer, m)}
        distance = {viewer: 0}
        queue = deque([viewer])
        while queue:
            node = queue.popleft()
            for other in self.neighbours(node):
                if other in distance or other in avoid:
                    continue
                distance[other] = distance[node] + 1
                if distance[other] < 3:
                    queue.append(other)
        hops = distance.get(member)
        return {1: "FIRST", 2: "SECOND", 3: "THIRD"}.get(hops or 0, "OUT_OF_NETWORK")

    def profile(self, viewer: str, member: str) -> dict[str, object] | None:
        """What member(handle) shows the viewer; None when a block hides it (R18)."""
        if self.blocked(viewer, member):
            return None
        connected = self.connected(viewer, member)
        return {
            "degree": self.degree(viewer, member),
            "isConnected": connected,
            "isFollowing": self.follow_visible(viewer, member),
            "isFollowedBy": self.follow_visible(member, viewer),
            "invitationSent": self.pending(viewer, member),
            "invitationReceived": self.invitations.get((member, viewer)) is False,
            "canViewConnections": viewer == member
            or (connected and self.visibility.get(member, "CONNECTIONS") == "CONNECTIONS"),
            "followerCount": sum(self.follow_visible(f, member) for f in self.members),
            "connectionCount": sum(member in pair for pair in self.connections),
            "actions": self.actions(viewer, member),
        }

    def actions(self, viewer: str, member: str) -> tuple[str | None, tuple[str, ...]]:
        """R2, without InMail (no credits in the model)."""
        if viewer == member:
            return ("EDIT_PROFILE", ())
        following = self.follow_visible(viewer, member)
        can_follow = self.who_can_follow.get(member, "EVERYONE") == "EVERYONE"
        follow = "UNFOLLOW" if following else ("FOLLOW" if can_follow else None)
        if self.connected(viewer, member):
            return (
                "MESSAGE",
                ("UNFOLLOW" if following else "FOLLOW", "REMOVE_CONNECTION", "BLOCK"),
            )
        if self.pending(viewer, member):
            return ("PENDING", tuple(x for x in ("WITHDRAW", follow, "BLOCK") if x))
        if self.invitations.get((member, viewer)) is False:
            return ("ACCEPT", tuple(x for x in ("IGNORE", follow, "BLOCK") if x))
        connect = None if (viewer, member) in self.withdrawn else "CONNECT"
        chosen, other = (
            (connect, follow)
            if self.button.get(member, "CONNECT") == "CONNECT"
            else (follow, connect)
        )
        primary = chosen or other
        secondary = tuple(x for x in ((other if chosen else None), "BLOCK") if x)
        return (primary, secondary)
