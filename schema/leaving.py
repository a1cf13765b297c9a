"""Taking one's data and leaving (R28, contract part 3)."""

from __future__ import annotations

import strawberry

from resolvers import account_deletion, data_export
from resolvers.errors import Refused
from schema.errors import Payload, UserError
from schema.info import Info


@strawberry.type
class DataExportPayload(Payload):
    export: str | None = strawberry.field(
        description="The JSON document of R28 (format vernetzt-export/1, docs/account.md); "
        "null when errors is not empty."
    )
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: str) -> DataExportPayload:
        return cls(export=result, errors=[])


@strawberry.input
class DeleteAccountInput:
    password: str = strawberry.field(description="The member's password, given again.")


@strawberry.type
class DeleteAccountPayload(Payload):
    deleted: bool
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: None) -> DeleteAccountPayload:
        return cls(deleted=True, errors=[])

    @classmethod
    def refused(cls, refused: Refused) -> DeleteAccountPayload:
        return cls(deleted=False, errors=[UserError.of(r) for r in refused.refusals])


@strawberry.type
class LeavingMutation:
    @strawberry.mutation(
        description="Everything the network keeps about the signed-in member, as one JSON "
        "document (R28)."
    )
    async def request_data_export(self, info: Info) -> DataExportPayload:
        return await DataExportPayload.answer(info, data_export.request_data_export(info.context))

    @strawberry.mutation(
        description="Deletes the signed-in member and everything that is theirs (R28)."
    )
    async def delete_account(self, info: Info, input: DeleteAccountInput) -> DeleteAccountPayload:
        work = account_deletion.delete_account(info.context, input.password)
        return await DeleteAccountPayload.answer(info, work)
