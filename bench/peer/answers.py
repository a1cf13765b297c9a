"""The answers of Vernetzt and of the peer (bench/peer) to the benchmark's read operations, as the
same plain structure: the harness checks that both systems answer alike before it times them.

`vernetzt_answer(op, data)` reads the `data` of bench/ops/<op>.graphql, `peer_answer(op, data)`
that of bench/peer/ops/<op>.graphql, for op in OPS. Vernetzt's global IDs are decoded to the raw
keys the peer answers with, so ids are compared too. Timestamps are left out (both systems order
by them; their text formats differ).
"""

from __future__ import annotations

import base64
from typing import Any

OPS = ("profile", "connections", "feed", "search", "suggestions", "path")

Json = dict[str, Any]


def vernetzt_answer(op: str, data: dict[str, Any]) -> Any:
    """The comparable answer of Vernetzt's operation `op` (bench/ops/<op>.graphql)."""
    if op == "profile":
        return _profile(data["member"], data["member"] and data["member"]["degree"], vernetzt=True)
    if op == "connections":
        member = data["member"]
        if member is None:
            return None
        connections = member["connections"]
        if connections is None:  # hidden from the viewer (R11)
            return {"id": _key(member["id"]), "total": None, "members": []}
        return {
            "id": _key(member["id"]),
            "total": connections["totalCount"],
            "members": [_card(edge["node"], vernetzt=True) for edge in connections["edges"]],
        }
    if op == "feed":
        viewer = data["viewer"]
        if viewer is None:
            return []
        posts = [edge["node"] for edge in viewer["feed"]["edges"]]
        return [_post(post, post["author"], vernetzt=True) for post in posts]
    if op == "search":
        results = data["searchMembers"]
        return {
            "total": results["totalCount"],
            "members": [_result(edge["node"], vernetzt=True) for edge in results["edges"]],
        }
    if op == "suggestions":
        viewer = data["viewer"]
        if viewer is None:
            return []
        return [
            _suggestion(
                suggestion["member"],
                suggestion["mutualConnectionCount"],
                suggestion["mutualSample"],
                vernetzt=True,
            )
            for suggestion in viewer["peopleYouMayKnow"]
        ]
    if op == "path":
        member = data["member"]
        if member is None:
            return None
        path = member["pathFromViewer"]
        steps = None if not path else [_step(step, vernetzt=True) for step in path]
        return {"id": _key(member["id"]), "degree": member["degree"], "path": steps}
    raise ValueError(f"unknown operation {op!r}")


def peer_answer(op: str, data: dict[str, Any]) -> Any:
    """The comparable answer of the peer's operation `op` (bench/peer/ops/<op>.graphql)."""
    if op == "profile":
        member = data["member"]
        relationship = member and member["relationship"]
        return _profile(member, relationship and relationship["degree"], vernetzt=False)
    if op == "connections":
        member = data["member"]
        if member is None:
            return None
        return {
            "id": member["id"],
            "total": member["connectionsTotal"],
            "members": [_card(node, vernetzt=False) for node in member["connections"]],
        }
    if op == "feed":
        return [_post(post, _one(post["author"]), vernetzt=False) for post in data["feed"]]
    if op == "search":
        return {
            "total": data["searchMembersTotal"],
            "members": [_result(node, vernetzt=False) for node in data["searchMembers"]],
        }
    if op == "suggestions":
        return [
            _suggestion(
                member, member["mutualConnectionCount"], member["mutualSample"], vernetzt=False
            )
            for member in data["peopleYouMayKnow"]
        ]
    if op == "path":
        member = data["member"]
        if member is None:
            return None
        nodes: list[Json | None] = list(member["pathFromViewer"])
        if member["degree"] == "THIRD" and len(nodes) == 3:
            nodes.insert(2, None)  # the member withheld on a path of 3 (R23)
        steps = [_step(step, vernetzt=False) for step in nodes] if nodes else None
        return {"id": member["id"], "degree": member["degree"], "path": steps}
    raise ValueError(f"unknown operation {op!r}")


def _key(global_id: str) -> str:
    """The raw key of one of Vernetzt's global IDs (base64url of "Type:key", unpadded)."""
    raw = base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode()
    return raw.partition(":")[2]


def _id(node: Json, vernetzt: bool) -> str:
    return _key(node["id"]) if vernetzt else str(node["id"])


def _profile(member: Json | None, degree: str | None, vernetzt: bool) -> Json | None:
    if member is None:
        return None
    relationship = member["relationship"]
    fields = (
        "isConnected",
        "isFollowing",
        "isFollowedBy",
        "mutualConnectionCount",
        "canMessage",
        "canViewConnections",
    )
    return {
        "id": _id(member, vernetzt),
        "handle": member["handle"],
        "name": member["name"],
        "headline": member["headline"],
        "primaryButton": member["primaryButton"],
        "followerCount": member["followerCount"],
        "connectionCount": member["connectionCount"],
        "degree": degree,
        "relationship": None if relationship is None else {f: relationship[f] for f in fields},
        "actions": _actions(member["actions"]),
    }


def _actions(actions: Json) -> Json:
    return {"primary": actions["primary"], "secondary": list(actions["secondary"])}


def _card(member: Json, vernetzt: bool) -> Json:
    return {
        "id": _id(member, vernetzt),
        "handle": member["handle"],
        "name": member["name"],
        "headline": member["headline"],
        "degree": member["degree"],
    }


def _result(member: Json, vernetzt: bool) -> Json:
    return {**_card(member, vernetzt), "actions": _actions(member["actions"])}


def _post(post: Json, author: Json | None, vernetzt: bool) -> Json:
    return {
        "id": _id(post, vernetzt),
        "text": post["text"],
        "audience": post["audience"],
        "author": None
        if author is None
        else {
            "id": _id(author, vernetzt),
            "handle": author["handle"],
            "name": author["name"],
            "headline": author.get("headline"),  # members only
            "degree": author.get("degree"),  # members only
        },
    }


def _one(authors: list[Json]) -> Json | None:
    """The author of a post: the library answers the POSTED relationship as a list of one."""
    return authors[0] if authors else None


def _suggestion(member: Json, count: int, sample: list[Json], vernetzt: bool) -> Json:
    return {
        "id": _id(member, vernetzt),
        "handle": member["handle"],
        "name": member["name"],
        "headline": member["headline"],
        "mutualConnectionCount": count,
        "mutualSample": [{"id": _id(m, vernetzt), "name": m["name"]} for m in sample],
    }


def _step(member: Json | None, vernetzt: bool) -> Json | None:
    if member is None:
        return None
    return {"id": _id(member, vernetzt), "handle": member["handle"], "name": member["name"]}
