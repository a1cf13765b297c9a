"""The authorization audit: one table says, for every field and mutation of the contract, who
may call it and what hides it; the tests below are generated from it.

- every contract field has an entry (a `Type.*` entry covers plumbing types);
- every operation that needs a signed-in member answers UNAUTHENTICATED to anonymous callers;
- node(id) of every type answers exactly the viewer relations the table lists (BOLA);
- every mutation that acts on someone else's object is refused to every other actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    build_schema,
)

from tests.support.client import Account, Api, error_codes
from tests.support.content import company, message, post_id
from tests.support.network import BLOCK, codes, connect, invitation_between, invite, mutate

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec"
# All three parts: live.graphql (notifications, subscriptions) and account.graphql (export,
# deletion) extend schema.graphql.
PARTS = ("schema.graphql", "live.graphql", "account.graphql")
CONTRACT = build_schema("".join((SPEC / part).read_text() for part in PARTS))

ANYONE = "anyone"  # anonymous callers too (R24 public cards)
SIGNED_IN = "signed-in member"
SELF = "the member themself"
ADMINS = "the company's admins"
PARTIES = "its two members"

# entry: who may call or read it, what hides it (rule)
AUDIT: dict[str, tuple[str, str]] = {
    "Query.node": (ANYONE, "per type: see NODE_VISIBILITY (R17, R18, R24)"),
    "Query.viewer": (ANYONE, "null when anonymous"),
    "Query.member": (ANYONE, "null across a block (R18); public card for anonymous (R24)"),
    "Query.company": (ANYONE, "public card for anonymous (R24)"),
    "Query.searchMembers": (SIGNED_IN, "blocked members left out (R18, R22)"),
    **{f"Mutation.{name}": (ANYONE, "none") for name in ("signUp", "signIn")},
    **{
        f"Mutation.{name}": (SIGNED_IN, "targets hidden by a block answer NOT_FOUND (R18, R25)")
        for name in (
            "signOut",
            "updateProfile",
            "updateSettings",
            "sendInvitation",
            "acceptInvitation",
            "ignoreInvitation",
            "withdrawInvitation",
            "removeConnection",
            "dismissSuggestion",
            "follow",
            "unfollow",
            "block",
            "unblock",
            "createPost",
            "sharePost",
            "deletePost",
            "sendMessage",
            "sendInMail",
            "createCompany",
            "addCompanyAdmin",
            "setWorkplace",
            "markNotificationsRead",
        )
    },
    **{
        f"Mutation.{name}": (SIGNED_IN, "the member's own data and account only (R28)")
        for name in ("requestDataExport", "deleteAccount")
    },
    **{
        f"Subscription.{name}": (SIGNED_IN, "the token in connection_init (R27)")
        for name in ("notificationAdded", "messageAdded")
    },
    **{
        f"Member.{name}": (ANYONE, "the whole card is null across a block (R18)")
        for name in (
            "id",
            "handle",
            "name",
            "headline",
            "primaryButton",
            "followerCount",
            "followingCount",
            "connectionCount",
            "joinedAt",
            "worksAt",
        )
    },
    "Member.degree": (SIGNED_IN, "null for anonymous; paths avoid blocks (R10)"),
    "Member.relationship": (SIGNED_IN, "null for anonymous"),
    "Member.actions": (ANYONE, "empty for anonymous (R2)"),
    "Member.connections": (SIGNED_IN, "null unless self or a connection who may see them (R11)"),
    "Member.mutualConnections": (SIGNED_IN, "empty for anonymous (R11)"),
    "Member.posts": (SIGNED_IN, "audience (R17), blocks (R18); empty for anonymous"),
    "Member.pathFromViewer": (SIGNED_IN, "degree 2/3 only; withholds the 3rd hop (R23)"),
    **{
        f"Company.{name}": (ANYONE, "public card (R20, R24)")
        for name in ("id", "handle", "name", "description", "followerCount", "actions")
    },
    "Company.isFollowing": (SIGNED_IN, "null for anonymous"),
    "Company.isAdmin": (SIGNED_IN, "false for anonymous"),
    "Company.posts": (SIGNED_IN, "empty for anonymous"),
    "Company.followers": (ADMINS, "null for everyone else (R20)"),
    "Company.admins": (ADMINS, "null for everyone else (R20)"),
    "Company.employees": (SIGNED_IN, "blocked members left out; empty for anonymous"),
    "Viewer.*": (SELF, "only ever the signed-in member's own (R14)"),
    "Relationship.*": (SIGNED_IN, "the viewer's own relationship with a visible member"),
    "Invitation.*": (PARTIES, "node(id) and lists answer only its inviter and invitee (R8)"),
    "Post.*": (SIGNED_IN, "audience (R17), blocks (R18); a share's original re-checked"),
    "Conversation.*": (PARTIES, "only its participants, not across a block (R12, R18)"),
    "Message.*": (PARTIES, "only its conversation's participants"),
    "Suggestion.*": (SELF, "the viewer's own (R21)"),
    "InvitationQuota.*": (SELF, "the viewer's own (R6)"),
    "Settings.*": (SELF, "the viewer's own"),
    "BlockedMember.*": (SELF, "only the blocker sees the block (R18)"),
    "Notification.*": (SELF, "only its recipient, while what it points to is visible (R26)"),
    **{
        f"{plumbing}.*": (SIGNED_IN, "whatever the list it belongs to shows")
        for plumbing in (
            "PageInfo",
            "MemberEdge",
            "MemberConnection",
            "FollowableEdge",
            "FollowableConnection",
            "PostEdge",
            "PostConnection",
            "InvitationEdge",
            "InvitationConnection",
            "MessageEdge",
            "MessageConnection",
            "ConversationEdge",
            "ConversationConnection",
            "BlockedMemberEdge",
            "BlockedMemberConnection",
            "NotificationEdge",
            "NotificationConnection",
            "ViewerActions",
        )
    },
    **{
        f"{payload}.*": (SIGNED_IN, "answers the caller's own mutation only")
        for payload in (
            "AuthPayload",
            "SignOutPayload",
            "MemberPayload",
            "SettingsPayload",
            "RelationshipPayload",
            "FollowPayload",
            "BlockPayload",
            "PostPayload",
            "DeletePayload",
            "MessagePayload",
            "CompanyPayload",
            "MarkNotificationsReadPayload",
            "DataExportPayload",
            "DeleteAccountPayload",
            "UserError",
        )
    },
}


def contract_fields() -> list[str]:
    return [
        f"{name}.{field}"
        for name, type_ in CONTRACT.type_map.items()
        if isinstance(type_, GraphQLObjectType) and not name.startswith("__")
        for field in type_.fields
    ]


def entry(field: str) -> tuple[str, str] | None:
    return AUDIT.get(field) or AUDIT.get(field.split(".")[0] + ".*")


def test_every_contract_field_has_an_audit_entry() -> None:
    assert [field for field in contract_fields() if entry(field) is None] == []
    assert len(contract_fields()) > 180


def placeholder(type_: Any) -> str:
    """A literal of the argument's type, valid enough to reach the resolver."""
    if isinstance(type_, GraphQLNonNull):
        return placeholder(type_.of_type)
    if isinstance(type_, GraphQLList):
        return f"[{placeholder(type_.of_type)}]"
    if isinstance(type_, GraphQLEnumType):
        return str(next(iter(type_.values)))
    if isinstance(type_, GraphQLInputObjectType):
        fields = ", ".join(
            f"{name}: {placeholder(field.type)}"
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull)
        )
        return f"{{{fields}}}"
    assert isinstance(type_, GraphQLScalarType)
    return {"Int": "1", "Boolean": "true"}.get(type_.name, '"TWVtYmVyOng"')  # Member:x


def operation(root: str, field_name: str) -> str:
    root_type = CONTRACT.mutation_type if root == "Mutation" else CONTRACT.query_type
    assert root_type is not None
    field = root_type.fields[field_name]
    arguments = ", ".join(
        f"{name}: {placeholder(arg.type)}"
        for name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    )
    call = f"{field_name}({arguments})" if arguments else field_name
    kind = "mutation" if root == "Mutation" else "query"
    return f"{kind} {{ {call} {{ __typename }} }}"


SIGNED_IN_OPERATIONS = [
    field for field in AUDIT if field.split(".")[0] in ("Query", "Mutation")
    and AUDIT[field][0] == SIGNED_IN
]  # fmt: skip


@pytest.mark.parametrize("field", SIGNED_IN_OPERATIONS)
async def test_anonymous_callers_are_refused(api: Api, field: str) -> None:
    root, name = field.split(".")
    body = await api.run(operation(root, name))
    assert error_codes(body) == ["UNAUTHENTICATED"], body


@dataclass
class Scene:
    """owner X with a connection, a stranger, a member X blocked and one X invited; X's public
    and connections-only posts, company, invitation, and conversation with the connection."""

    members: dict[str, Account]
    objects: dict[str, str]


async def scene(api: Api) -> Scene:
    members = {r: await api.sign_up(f"{r}-member") for r in
               ("owner", "connection", "stranger", "blocked", "invitee")}  # fmt: skip
    owner = members["owner"]
    await connect(api, owner, members["connection"])
    sent = await message(api, owner, members["connection"], "hi")
    objects = {
        "member": owner.id,
        "public post": await post_id(api, owner, "public"),
        "private post": await post_id(api, owner, "private", audience="CONNECTIONS"),
        "company": await company(api, owner, "owner-co"),
        "conversation": sent["conversation"]["id"],
        "message": sent["message"]["id"],
    }
    await invite(api, owner, members["invitee"])
    objects["invitation"] = await invitation_between(
        api, owner, members["invitee"], "invitationSent"
    )
    await mutate(api, BLOCK, owner, id=members["blocked"].id)
    notified = await api.data(NOTIFICATIONS, token=owner.token)  # the connection accepted
    [accepted] = notified["viewer"]["notifications"]["edges"]
    objects["notification"] = accepted["node"]["id"]
    return Scene(members, objects)


NOTIFICATIONS = "{ viewer { notifications { edges { node { id } } } } }"
RELATIONS = ("owner", "connection", "stranger", "blocked", "invitee", "anonymous")
NODE_VISIBILITY: dict[str, set[str]] = {
    "member": {"owner", "connection", "stranger", "invitee", "anonymous"},
    "company": set(RELATIONS),
    "public post": {"owner", "connection", "stranger", "invitee"},
    "private post": {"owner", "connection"},
    "invitation": {"owner", "invitee"},
    "conversation": {"owner", "connection"},
    "message": {"owner", "connection"},
    "notification": {"owner"},
}


async def test_node_answers_each_type_only_to_those_who_may_see_it(api: Api) -> None:
    world = await scene(api)
    seen = {
        (kind, relation)
        for kind, global_id in world.objects.items()
        for relation in RELATIONS
        if (await api.data(
            "query ($id: ID!) { node(id: $id) { id } }", {"id": global_id},
            world.members[relation].token if relation != "anonymous" else None,
        ))["node"] is not None
    }  # fmt: skip
    expected = {(kind, r) for kind, relations in NODE_VISIBILITY.items() for r in relations}
    assert seen == expected


# mutation, its variables (names of scene objects or members), then each actor and the code
# it gets (None: allowed); the allowed actor comes last, as its success changes the scene.
ACTORS: list[tuple[str, dict[str, str], list[tuple[str, str | None]]]] = [
    ("mutation ($id: ID!) { acceptInvitation(invitationId: $id) { errors { code } } }",
     {"id": "invitation"},
     [("owner", "NOT_FOUND"), ("connection", "NOT_FOUND"), ("stranger", "NOT_FOUND"),
      ("invitee", None)]),
    ("mutation ($id: ID!) { ignoreInvitation(invitationId: $id) { errors { code } } }",
     {"id": "invitation"},
     [("owner", "NOT_FOUND"), ("stranger", "NOT_FOUND"), ("invitee", None)]),
    ("mutation ($id: ID!) { withdrawInvitation(invitationId: $id) { errors { code } } }",
     {"id": "invitation"},
     [("invitee", "NOT_FOUND"), ("stranger", "NOT_FOUND"), ("owner", None)]),
    ("mutation ($id: ID!) { deletePost(postId: $id) { errors { code } } }",
     {"id": "public post"},
     [("connection", "FORBIDDEN"), ("stranger", "FORBIDDEN"), ("blocked", "NOT_FOUND"),
      ("owner", None)]),
    ("mutation ($id: ID!) { deletePost(postId: $id) { errors { code } } }",
     {"id": "private post"},
     [("stranger", "NOT_FOUND"), ("connection", "FORBIDDEN"), ("owner", None)]),
    ('mutation ($c: ID!) { createPost(input: {text: "news", companyId: $c}) { errors { code } } }',
     {"c": "company"},
     [("connection", "FORBIDDEN"), ("stranger", "FORBIDDEN"), ("owner", None)]),
    ("mutation ($c: ID!, $m: ID!) { addCompanyAdmin(companyId: $c, memberId: $m)"
     " { errors { code } } }",
     {"c": "company", "m": "stranger"},
     [("connection", "FORBIDDEN"), ("stranger", "FORBIDDEN"), ("owner", None)]),
    ("mutation ($m: ID!) { unblock(memberId: $m) { errors { code } } }",
     {"m": "blocked"},
     [("stranger", "NOT_FOUND"), ("connection", "NOT_FOUND"), ("owner", None)]),
    ('mutation ($m: ID!) { sendMessage(input: {memberId: $m, body: "hi"}) { errors { code } } }',
     {"m": "owner"},
     [("stranger", "NOT_CONNECTED"), ("blocked", "NOT_FOUND"), ("connection", None)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "variables", "actors"),
    ACTORS,
    ids=[f"{i}-{a[0].split('{')[1].split('(')[0].strip()}" for i, a in enumerate(ACTORS)],
)
async def test_only_the_right_actor_may_act(
    api: Api, query: str, variables: dict[str, str], actors: list[tuple[str, str | None]]
) -> None:
    world = await scene(api)
    values = {
        name: world.objects[value] if value in world.objects else world.members[value].id
        for name, value in variables.items()
    }
    got = []
    for actor, _ in actors:
        answer = await mutate(api, query, world.members[actor], **values)
        got.append((actor, next(iter(codes(answer)), None)))
    assert got == actors
