"""The demo network that `make run` loads: fictional members (and, as the product grows, their
connections, follows, invitations, companies and posts)."""
