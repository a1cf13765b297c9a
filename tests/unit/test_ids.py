"""Global IDs round-trip, and anything else is BAD_USER_INPUT."""

from __future__ import annotations

import pytest

from resolvers.errors import BadUserInput
from resolvers.request import ids


def test_ids_round_trip() -> None:
    assert ids.decode(ids.encode("Member", "0f8e-key")) == ("Member", "0f8e-key")


@pytest.mark.parametrize(
    "bad", ["", "%%%", "bm90LW91cnM", ids.encode("Member", "")[:-1] + "@", "TWVtYmVy"]
)
def test_ids_not_of_ours_are_bad_user_input(bad: str) -> None:
    with pytest.raises(BadUserInput) as refused:
        ids.decode(bad)
    assert refused.value.extensions == {"code": "BAD_USER_INPUT"}


def test_an_id_of_another_type_is_bad_user_input() -> None:
    with pytest.raises(BadUserInput):
        ids.decode_as(ids.encode("Company", "k"), "Member")
