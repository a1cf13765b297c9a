"""One-off studies, each measuring one question on a throw-away or generated store and quoted
by the docs that answered it (python -m bench.studies.<name>): the degree and feed queries at
scale, what leaving, the limits, the driver, bookmarks and the notification plans cost, and the
security review's hostile clients. The harness that makes docs/benchmarks.md is bench/ itself
(bench/README.md)."""
