"""Who may ask, and how much: bearer tokens and their session check (R24), password hashes, the
client's address, and the limits every process shares through Neo4j (rate limits, the read
budget)."""
