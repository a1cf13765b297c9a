// Schema migrations: constraints and indexes, each idempotent (IF NOT EXISTS), applied at
// start-up and by the test fixture. Statements are separated by semicolons.
// Pairs of members carry a `pair` key (the two ids, lower first) so that a uniqueness
// constraint makes a second connection or invitation between them impossible, whatever the
// timing; a follow's `key` is follower id '>' target id, a block's blocker id '>' blocked id.
CREATE CONSTRAINT member_id IF NOT EXISTS FOR (m:Member) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT member_handle IF NOT EXISTS FOR (m:Member) REQUIRE m.handle IS UNIQUE;
CREATE CONSTRAINT member_email IF NOT EXISTS FOR (m:Member) REQUIRE m.emailKey IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT company_handle IF NOT EXISTS FOR (c:Company) REQUIRE c.handle IS UNIQUE;
CREATE CONSTRAINT connected_pair IF NOT EXISTS FOR ()-[c:CONNECTED]-() REQUIRE c.pair IS UNIQUE;
CREATE CONSTRAINT invited_pair IF NOT EXISTS FOR ()-[i:INVITED]-() REQUIRE i.pair IS UNIQUE;
CREATE CONSTRAINT invited_id IF NOT EXISTS FOR ()-[i:INVITED]-() REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT follows_key IF NOT EXISTS FOR ()-[f:FOLLOWS]-() REQUIRE f.key IS UNIQUE;
CREATE CONSTRAINT blocked_key IF NOT EXISTS FOR ()-[b:BLOCKED]-() REQUIRE b.key IS UNIQUE;
CREATE FULLTEXT INDEX member_search IF NOT EXISTS FOR (m:Member) ON EACH [m.name, m.headline];
CREATE CONSTRAINT post_id IF NOT EXISTS FOR (p:Post) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT conversation_id IF NOT EXISTS FOR (c:Conversation) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT conversation_pair IF NOT EXISTS FOR (c:Conversation) REQUIRE c.pair IS UNIQUE;
CREATE CONSTRAINT message_id IF NOT EXISTS FOR (m:Message) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT request_key IF NOT EXISTS FOR (r:Request) REQUIRE r.key IS UNIQUE;
CREATE INDEX post_created IF NOT EXISTS FOR (p:Post) ON (p.createdAt);
CREATE CONSTRAINT rate_window_key IF NOT EXISTS FOR (w:RateWindow) REQUIRE w.key IS UNIQUE;
CREATE INDEX rate_window_until IF NOT EXISTS FOR (w:RateWindow) ON (w.until);
CREATE CONSTRAINT read_budget_key IF NOT EXISTS FOR (b:ReadBudget) REQUIRE b.key IS UNIQUE;
// Notifications (R26): a member's list and unread ones are read newest first through
// (recipient, seq); unread ones carry the label UnreadNotification, so that counting them reads
// only them. `createdAt` finds the expired ones, `pair` those between two members (a block),
// `actor` those a member caused (their account's deletion, R28).
CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;
CREATE INDEX notification_seq IF NOT EXISTS FOR (n:Notification) ON (n.recipient, n.seq);
CREATE INDEX unread_notification_seq IF NOT EXISTS FOR (n:UnreadNotification) ON (n.recipient, n.seq);
CREATE INDEX notification_created IF NOT EXISTS FOR (n:Notification) ON (n.createdAt);
CREATE INDEX notification_pair IF NOT EXISTS FOR (n:Notification) ON (n.pair);
CREATE INDEX notification_actor IF NOT EXISTS FOR (n:Notification) ON (n.actor);
// Live delivery (R27): a conversation's messages by their number (commit order); the open
// WebSockets of a member, counted across every API process.
CREATE INDEX message_seq IF NOT EXISTS FOR (m:Message) ON (m.conversation, m.seq);
CREATE CONSTRAINT live_socket_id IF NOT EXISTS FOR (s:LiveSocket) REQUIRE s.id IS UNIQUE;
CREATE INDEX live_socket_member IF NOT EXISTS FOR (s:LiveSocket) ON (s.member);
// Housekeeping (resolvers/housekeeping.py): each sweep finds what expired through an index, and
// one process at a time sweeps, under a lease.
CREATE INDEX request_at IF NOT EXISTS FOR (r:Request) ON (r.at);
CREATE INDEX read_budget_tat IF NOT EXISTS FOR (b:ReadBudget) ON (b.tat);
CREATE INDEX live_socket_until IF NOT EXISTS FOR (s:LiveSocket) ON (s.until);
CREATE CONSTRAINT lease_name IF NOT EXISTS FOR (l:Lease) REQUIRE l.name IS UNIQUE;
