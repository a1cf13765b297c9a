"""Distances over connections, computed with numpy on a compressed adjacency (CSR).

The manifest reports the sizes of the 2nd- and 3rd-degree rings of sampled members, and the
harness picks targets by distance (1, 2, 3, none) from each viewer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bench.generate import Network

Ids = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Adjacency:
    starts: Ids
    neighbours: Ids

    @classmethod
    def of(cls, network: Network) -> Adjacency:
        n = len(network.ids)
        pairs = np.asarray(network.connections, dtype=np.int64).reshape(-1, 2)
        sources = np.concatenate([pairs[:, 0], pairs[:, 1]])
        targets = np.concatenate([pairs[:, 1], pairs[:, 0]])
        order = np.argsort(sources, kind="stable")
        counts = np.bincount(sources, minlength=n)
        starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return cls(starts, targets[order])

    def degree(self, member: int) -> int:
        return int(self.starts[member + 1] - self.starts[member])

    def expand(self, frontier: Ids) -> Ids:
        """Every neighbour of the members in `frontier` (with repeats)."""
        if frontier.size == 0:
            return frontier
        parts = [self.neighbours[self.starts[m] : self.starts[m + 1]] for m in frontier]
        return np.concatenate(parts)

    def rings(self, member: int, depth: int = 3) -> list[Ids]:
        """rings[d] = the members at distance exactly d (d = 0..depth)."""
        seen = np.zeros(len(self.starts) - 1, dtype=bool)
        seen[member] = True
        rings: list[Ids] = [np.asarray([member], dtype=np.int64)]
        for _ in range(depth):
            reached = np.unique(self.expand(rings[-1]))
            new = reached[~seen[reached]]
            seen[new] = True
            rings.append(new)
        return rings


def ring_sizes(network: Network, samples: int, seed: int = 7) -> dict[str, list[int]]:
    """Sizes of the 2nd- and 3rd-degree rings of `samples` members drawn at random."""
    adjacency = Adjacency.of(network)
    rng = random.Random(seed)
    members = rng.sample(range(len(network.ids)), min(samples, len(network.ids)))
    second, third = [], []
    for member in members:
        rings = adjacency.rings(member)
        second.append(int(rings[2].size))
        third.append(int(rings[3].size))
    return {"second": second, "third": third}
