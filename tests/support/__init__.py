"""What the tests share, apart from the fixtures (tests/conftest.py):

- neo4j.py: which Neo4j the tests run on (NEO4J_URI, testcontainers or the local launcher),
  as a `Neo4jServer`.
- app.py: the app as the tests run it: TEST_SETTINGS, the `Clock` the tests move, and `serve`,
  the app on a database reached in process over HTTP.
- client.py: the GraphQL client `Api` (sign-ups give an `Account`), DEMO_PASSWORD and
  `error_codes`.
- network.py: the network built through the API as clients would: invitations, connections,
  follows, blocks, settings (`connect`, `chain`, `invite`, `mutate`, the mutations' texts).
- content.py: posts, companies and messages through the API (`post_id`, `company`, `message`).
- recording.py: `RecordingDatabase`, a Database that records each call, for query counts.
"""
