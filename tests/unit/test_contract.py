"""The exported schema is current, and the contract's account and profile parts are served."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

from graphql import build_schema

from scripts.export_schema import EXPORT, exported_text

CONTRACT_CHECK = Path(__file__).resolve().parents[3] / "shared" / "tools" / "contract_check.py"

# Parts of the contract that the foundation (accounts, a member's own fields, settings) serves.
SERVED_PARTS = [
    "SignUpInput", "SignInInput", "AuthPayload", "SignOutPayload", "UpdateProfileInput",
    "MemberPayload", "UpdateSettingsInput", "SettingsPayload", "Settings", "UserError",
    "ErrorCode", "ProfileButton", "ConnectionsVisibility", "InvitationPolicy", "WhoCanFollow",
    "Node", "Mutation.signUp", "Mutation.signIn", "Mutation.signOut", "Mutation.updateProfile",
    "Mutation.updateSettings", "Query.node", "Query.viewer", "Query.member", "Query.company",
    "Member.id", "Member.handle", "Member.name", "Member.headline", "Member.primaryButton",
    "Member.followerCount", "Member.followingCount", "Member.connectionCount",
    "Member.joinedAt", "Member.worksAt", "Viewer.member", "Viewer.email", "Viewer.settings",
    "Viewer.inMailCredits", "Company.id", "Company.handle", "Company.name",
    "Company.description", "Company.followerCount",
]  # fmt: skip


def load_contract_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("contract_check", CONTRACT_CHECK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_exported_schema_is_current() -> None:
    assert EXPORT.read_text() == exported_text(), "run `make schema` and commit schema.graphql"


def test_contract_has_no_gap_in_accounts_profiles_and_settings() -> None:
    check = load_contract_check()
    contract = build_schema(
        CONTRACT_CHECK.parent.parent.joinpath("spec/schema.graphql").read_text()
    )
    gaps: list[str] = check.gaps(contract, build_schema(exported_text()))
    concerning = [
        gap for gap in gaps
        if any(re.search(rf"(?<![\w.]){re.escape(part)}(?![\w])", gap) for part in SERVED_PARTS)
    ]  # fmt: skip
    assert concerning == []
