"""Companies (R17, R20): who posts as a company and adds its admins, decided from the state the
mutation's transaction read."""

from __future__ import annotations

from dataclasses import dataclass

from cypher.rows.companies import CompanyAccessRow
from resolvers.enums import Audience
from resolvers.errors import ErrorCode, Refusal, invalid_input, refusal

COMPANY_NOT_FOUND = refusal(ErrorCode.NOT_FOUND, "No such company.")


@dataclass(frozen=True)
class CompanyAccess:
    """A company as the viewer may act on it; cypher/company_access.cypher's row."""

    is_admin: bool

    @classmethod
    def from_record(cls, record: CompanyAccessRow | None) -> CompanyAccess | None:
        return None if record is None else cls(record["isAdmin"])


def company_audience(audience: Audience) -> list[Refusal]:
    """R17: a company posts to ANYONE (an input fault, found before the transaction)."""
    if audience is Audience.CONNECTIONS:
        return [invalid_input("audience", "A company posts to ANYONE.")]
    return []


def decide_post_as_company(access: CompanyAccess | None) -> Refusal | None:
    """R20: only its admins post as a company."""
    if access is None:
        return COMPANY_NOT_FOUND
    if not access.is_admin:
        return refusal(ErrorCode.FORBIDDEN, "Only its admins post as a company.")
    return None


def decide_add_admin(access: CompanyAccess | None, member_hidden: bool) -> Refusal | None:
    """R20: admins add admins; the member must exist and not be in a block with the viewer."""
    if access is None:
        return COMPANY_NOT_FOUND
    if member_hidden:
        return refusal(ErrorCode.NOT_FOUND, "No such member.")
    if not access.is_admin:
        return refusal(ErrorCode.FORBIDDEN, "Only its admins add admins.")
    return None
