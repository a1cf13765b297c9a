"""Which address a request comes from, for the per-address limits (resolvers.access.rate_limits).

Behind a load balancer every request's socket comes from the balancer, and the client's own
address is in X-Forwarded-For, which each proxy appends to. Anyone can send that header, so it
is believed only when the socket's peer is one of the trusted proxies (a setting), and then only
as far as it was written by trusted proxies: the client is the right-most address that is not a
trusted proxy itself. Without trusted proxies, the socket's peer is the client.

The limits count an address by its key (`limit_key`): an IPv4 address as itself, also when it
comes IPv4-mapped (::ffff:a.b.c.d); an IPv6 address by its /64, the block one subscriber holds
and can choose addresses from at will.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def networks(trusted: Sequence[str]) -> tuple[Network, ...]:
    """The trusted proxies as networks (settings.check refused anything else)."""
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in trusted)


def is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[str]) -> str:
    """The client's address: the socket's `peer`, or, when that peer is a trusted proxy, the
    right-most address of `forwarded_for` that is not one."""
    if peer is None:
        return "unknown"
    proxies = networks(tuple(trusted))
    if not forwarded_for or not is_trusted(peer, proxies):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop, proxies):
            return hop
    return hops[0] if hops else peer  # every hop a trusted proxy: the first one is the client


def limit_key(address: str) -> str:
    """What the per-address limits count `address` as: IPv4 as is (IPv4-mapped IPv6 too), IPv6
    as its /64 network; anything else (`unknown`) as given."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)
