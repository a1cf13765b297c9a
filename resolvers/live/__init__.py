"""Live updates (R27), one feature under one name: the socket slots every process counts in
Neo4j (sockets), what a subscription may follow and delivers (subscriptions), and each process's
poller that hands committed notifications and messages to its subscriptions (hub)."""
