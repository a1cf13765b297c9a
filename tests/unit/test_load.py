"""The benchmark's import files hold the graph the app would have written (bench/load.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from bench.generate import TIERS, Network, generate
from bench.load import csv_files, write


def small_network() -> Network:
    """Members 0-1 connected (1 took back its follow), 0-2 connected, 1 a celebrity that 0 and
    2 follow, 2 following company 0."""
    network = Network(TIERS["XS"], 1, ["id-a", "id-b", "id-c"], [(0, 1), (0, 2)])
    network.unfollows = {(1, 0)}
    network.follows = [(0, 1), (2, 1)]
    network.company_follows = [(2, 0)]
    network.posts = [(0, 5, "ANYONE"), (3, 1, "ANYONE")]  # 3: the first company
    return network


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open() as file:
        return list(csv.DictReader(file))


def test_each_connection_brings_both_follows_unless_taken_back(tmp_path: Path) -> None:
    for file in csv_files(small_network()):
        write(file, tmp_path)
    follows = {(row[":START_ID"], row[":END_ID"]) for row in rows(tmp_path, "FOLLOWS")}
    connected = [row["pair"] for row in rows(tmp_path, "CONNECTED")]
    assert connected == ["id-a:id-b", "id-a:id-c"]
    # (0, 1) came with the connection, so the celebrity follow is not written a second time;
    # (2, 1) is a follow without a connection.
    assert sorted(follows) == sorted(
        [
            ("id-a", "id-b"),
            ("id-a", "id-c"),
            ("id-c", "id-a"),
            ("id-c", "id-b"),
            ("id-c", "company-0"),
        ]
    )
    assert len(rows(tmp_path, "FOLLOWS")) == len(follows)  # no follow twice (R7: one each way)


def test_the_import_files_hold_every_generated_item(tmp_path: Path) -> None:
    network = generate(TIERS["XS"])
    for file in csv_files(network):
        write(file, tmp_path)
    assert len(rows(tmp_path, "Member")) == len(network.ids)
    assert len(rows(tmp_path, "CONNECTED")) == len(network.connections)
    assert len(rows(tmp_path, "Post")) == len(rows(tmp_path, "POSTED")) == len(network.posts)
    assert len(rows(tmp_path, "INVITED")) == len(network.invitations)
    assert len(rows(tmp_path, "BLOCKED")) == len(network.blocks)
    members = rows(tmp_path, "Member")
    assert sum(row["openProfile:boolean"] == "true" for row in members) == len(network.open_profile)
    assert {row["openProfile:boolean"] for row in members} == {"true", "false"}
