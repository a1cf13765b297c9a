"""Posts (R17): who shares and deletes, decided from the state the mutation's transaction read."""

from __future__ import annotations

from dataclasses import dataclass

from cypher.rows.posts import PostAccessRow
from resolvers.enums import Audience
from resolvers.errors import ErrorCode, Refusal, refusal

POST_NOT_FOUND = refusal(ErrorCode.NOT_FOUND, "No such post.")


@dataclass(frozen=True)
class PostAccess:
    """A post as the viewer may act on it; cypher/post_access.cypher's row."""

    visible: bool  # as post_cards.cypher decides it (R17, R18)
    audience: Audience
    can_delete: bool  # the author, or an admin of the company that posted
    member_author: str | None  # the author's id when a member wrote it
    connected_to_author: bool

    @classmethod
    def from_record(cls, record: PostAccessRow | None) -> PostAccess | None:
        if record is None:
            return None
        return cls(
            record["visible"],
            Audience(record["audience"]),
            record["canDelete"],
            record["memberAuthorId"],
            record["connectedToAuthor"],
        )


def share_notifies(access: PostAccess, audience: Audience) -> str | None:
    """R26: whom a share notifies: the original's author when a member wrote it and may see
    the share (a CONNECTIONS share by someone who is not their connection never notifies)."""
    if audience is Audience.CONNECTIONS and not access.connected_to_author:
        return None
    return access.member_author


def decide_share(access: PostAccess | None) -> Refusal | None:
    """R17: a visible ANYONE post can be shared."""
    if access is None or not access.visible:
        return POST_NOT_FOUND
    if access.audience is not Audience.ANYONE:
        return refusal(ErrorCode.NOT_SHAREABLE, "Posts to connections stay there.")
    return None


def decide_delete(access: PostAccess | None) -> Refusal | None:
    """R17: the author, or an admin of the company that posted, deletes a visible post."""
    if access is None or not access.visible:
        return POST_NOT_FOUND
    if not access.can_delete:
        return refusal(ErrorCode.FORBIDDEN, "Only the author or an admin deletes it.")
    return None
