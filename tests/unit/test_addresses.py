"""The client's address for per-address limits, behind trusted proxies or not
(resolvers/access/addresses.py)."""

from __future__ import annotations

import pytest

from resolvers.access.addresses import client_address, limit_key
from settings import SettingsError, load_settings

BALANCER = "10.0.0.5"


def test_without_trusted_proxies_the_socket_is_the_client() -> None:
    assert client_address("198.51.100.7", "203.0.113.9", ()) == "198.51.100.7"
    assert client_address(BALANCER, None, ()) == BALANCER


def test_a_forged_header_from_an_untrusted_peer_is_ignored() -> None:
    assert client_address("198.51.100.7", "203.0.113.9", ("10.0.0.0/8",)) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_client_is_the_right_most_untrusted_hop() -> None:
    trusted = ("10.0.0.0/8",)
    assert client_address(BALANCER, "203.0.113.9", trusted) == "203.0.113.9"
    # The client put a forged address in front; the balancer appended the real one.
    assert client_address(BALANCER, "1.2.3.4, 203.0.113.9", trusted) == "203.0.113.9"
    # Two trusted proxies in a row: the one behind the first is skipped too.
    assert client_address(BALANCER, "203.0.113.9, 10.1.2.3", trusted) == "203.0.113.9"


def test_addresses_of_both_families_and_single_hosts() -> None:
    assert client_address("::1", "2001:db8::7", ("::1",)) == "2001:db8::7"
    assert client_address("127.0.0.1", "203.0.113.9", ("127.0.0.1",)) == "203.0.113.9"


def test_a_trusted_proxy_without_the_header_is_the_client() -> None:
    assert client_address(BALANCER, "", ("10.0.0.0/8",)) == BALANCER
    assert client_address(None, "203.0.113.9", ("10.0.0.0/8",)) == "unknown"


def test_trusted_proxies_are_read_and_checked() -> None:
    settings = load_settings({"VERNETZT_TRUSTED_PROXIES": "10.0.0.0/8, ::1"}, dotenv=None)
    assert settings.trusted_proxies == ("10.0.0.0/8", "::1")
    assert load_settings({}, dotenv=None).trusted_proxies == ()
    with pytest.raises(SettingsError, match="VERNETZT_TRUSTED_PROXIES lists 'balancer'"):
        load_settings({"VERNETZT_TRUSTED_PROXIES": "balancer"}, dotenv=None)


def test_limits_key_ipv4_as_is_and_ipv6_by_its_64() -> None:
    assert limit_key("203.0.113.9") == "203.0.113.9"
    assert limit_key("::ffff:203.0.113.9") == "203.0.113.9"  # IPv4-mapped: the same client
    assert limit_key("2001:db8:1:2:aaaa::1") == limit_key("2001:db8:1:2:ffff:1:2:3")
    assert limit_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert limit_key("2001:db8:1:3::1") != limit_key("2001:db8:1:2::1")
    assert limit_key("unknown") == "unknown"
