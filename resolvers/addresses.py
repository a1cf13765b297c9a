"""Which address a request comes from, for the per-address limits (resolvers.limits).

Behind a load balancer every request's socket comes from the balancer, and the client's own
address is in X-Forwarded-For, which each proxy appends to. Anyone can send that header, so it
is believed only when the socket's peer is one of the trusted proxies (a setting), and then only
as far as it was written by trusted proxies: the client is the right-most address that is not a
trusted proxy itself. Without trusted proxies, the socket's peer is the client.
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
