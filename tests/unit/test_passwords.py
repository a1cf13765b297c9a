"""Argon2id hashes at the production cost: verify, refuse, and the decoy for unknown e-mails."""

from __future__ import annotations

from resolvers.access.passwords import Passwords
from settings import Settings

PASSWORDS = Passwords(Settings())


async def test_a_hash_is_argon2id_and_verifies_only_its_password() -> None:
    stored = await PASSWORDS.hash("correct horse battery staple")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert await PASSWORDS.verify(stored, "correct horse battery staple")
    assert not await PASSWORDS.verify(stored, "correct horse battery stapler")
    assert not PASSWORDS.needs_rehash(stored)


async def test_no_stored_hash_never_verifies() -> None:
    assert not await PASSWORDS.verify(None, "anything at all")
    assert not await PASSWORDS.verify("not-a-hash", "anything at all")
