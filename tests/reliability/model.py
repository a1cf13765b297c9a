"""A reference model of the network rules (R2, R4-R11, R13, R17 shares, R18, R26, R28) in plain
Python: it applies each mutation and answers each observable, for any viewer, without a
database."""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass, field


@dataclass
class Post:
    author: str
    audience: str
    shared: int | None = None  # the original's index in Model.posts, for a share
    deleted: bool = False


@dataclass
class Notification:
    """R26: `about` is what it points to: the invitation's or the follow's serial, the share's
    index in Model.posts, or nothing (acceptances stay)."""

    seq: int
    recipient: str
    actor: str
    kind: str
    about: int | None = None
    read: bool = False


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
    # Each invitation and follow gets a serial when made: a notification points at one of them,
    # and a later one between the same two members is another (R26: following again notifies).
    invitation_serial: dict[tuple[str, str], int] = field(default_factory=dict)
    follow_serial: dict[tuple[str, str], int] = field(default_factory=dict)
    serials: itertools.count[int] = field(default_factory=itertools.count)
    posts: list[Post] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)

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
            self._connect(b, a, accepted_by=a)
            return None
        if (a, b) in self.withdrawn:
            return "REINVITE_COOLDOWN"
        self.invitations[(a, b)] = False
        self.invitation_serial[(a, b)] = next(self.serials)
        self._notify(b, a, "INVITATION_RECEIVED", self.invitation_serial[(a, b)])
        return None

    def accept(self, inviter: str, invitee: str) -> str | None:
        if not self.pending(inviter, invitee):
            return "NOT_FOUND"
        self._connect(inviter, invitee, accepted_by=invitee)
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
        if (a, b) not in self.follows:  # following again is no new follow
            self._start_follow(a, b)
            self._notify(b, a, "NEW_FOLLOWER", self.follow_serial[(a, b)])
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
        self.notifications = [n for n in self.notifications if {n.recipient, n.actor} != {a, b}]
        return None

    def unblock(self, a: str, b: str) -> str | None:
        if a == b:
            return "SELF_ACTION"
        if (a, b) not in self.blocks:
            return "NOT_FOUND"
        self.blocks.discard((a, b))
        return None

    def share(self, a: str, original: int, audience: str) -> str | None:
        post = self.posts[original]
        if post.deleted or not self.post_visible(a, post):
            return "NOT_FOUND"
        if post.audience != "ANYONE":
            return "NOT_SHAREABLE"
        self.posts.append(Post(a, audience, shared=original))
        # R26: a CONNECTIONS share by someone who is not the author's connection never notifies.
        if audience == "ANYONE" or self.connected(a, post.author):
            self._notify(post.author, a, "POST_SHARED", len(self.posts) - 1)
        return None

    def delete_member(self, a: str) -> None:
        """R28: the member and everything of theirs go; a new account may take the handle."""
        self.connections = {pair for pair in self.connections if a not in pair}
        self.invitations = {key: v for key, v in self.invitations.items() if a not in key}
        self.follows = {pair for pair in self.follows if a not in pair}
        self.blocks = {pair for pair in self.blocks if a not in pair}
        self.withdrawn = {pair for pair in self.withdrawn if a not in pair}
        for choice in (self.who_can_follow, self.visibility, self.button):
            choice.pop(a, None)
        for post in self.posts:
            post.deleted = post.deleted or post.author == a
        self.notifications = [n for n in self.notifications if a not in (n.recipient, n.actor)]

    def mark_read(self, member: str, up_to: int | None) -> int:
        """Marks the member's notifications up to seq `up_to` (None: all) read; the new count."""
        for n in self.notifications:
            if n.recipient == member and (up_to is None or n.seq <= up_to):
                n.read = True
        return self.unread_count(member)

    def _connect(self, inviter: str, invitee: str, accepted_by: str) -> None:
        del self.invitations[(inviter, invitee)]
        self.connections.add(frozenset((inviter, invitee)))
        # R7: both follow each other; a follow that exists stays the same follow.
        for pair in ((inviter, invitee), (invitee, inviter)):
            if pair not in self.follows:
                self._start_follow(*pair)
        self._notify(inviter, accepted_by, "INVITATION_ACCEPTED")

    def _start_follow(self, a: str, b: str) -> None:
        self.follows.add((a, b))
        self.follow_serial[(a, b)] = next(self.serials)

    def _notify(self, recipient: str, actor: str, kind: str, about: int | None = None) -> None:
        if recipient != actor:
            seq = next(self.serials)
            self.notifications.append(Notification(seq, recipient, actor, kind, about))

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

    def post_visible(self, viewer: str, post: Post) -> bool:
        """R17, R18."""
        if self.blocked(viewer, post.author):
            return False
        return (
            post.audience == "ANYONE"
            or viewer == post.author
            or self.connected(viewer, post.author)
        )

    def notification_visible(self, n: Notification) -> bool:
        """R26: visible while what it points to is."""
        if n.kind == "INVITATION_RECEIVED":
            key = (n.actor, n.recipient)
            return self.invitations.get(key) is False and self.invitation_serial[key] == n.about
        if n.kind == "NEW_FOLLOWER":
            key = (n.actor, n.recipient)
            return self.follow_visible(*key) and self.follow_serial.get(key) == n.about
        if n.kind == "POST_SHARED":
            assert n.about is not None
            share = self.posts[n.about]
            connected = self.connected(n.actor, n.recipient)
            return not share.deleted and (share.audience == "ANYONE" or connected)
        return True

    def visible_notifications(self, member: str) -> list[Notification]:
        """viewer.notifications, newest first."""
        mine = [n for n in self.notifications if n.recipient == member]
        return [n for n in reversed(mine) if self.notification_visible(n)]

    def unread_count(self, member: str) -> int:
        return sum(not n.read for n in self.visible_notifications(member))
