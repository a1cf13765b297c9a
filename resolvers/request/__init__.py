"""One request's plumbing: its Context, the loaders that batch its reads (and read a page's
batches as one statement), pages and cursors, global IDs, the one way a mutation writes, the
bookmarks of read-your-writes, and time as Neo4j keeps it."""
