// How viewer $viewer stands with each member of $ids (or the one with handle $handle) the
// viewer may see (a block hides, R18): one row, `rows`, an item per member, any order (see
// member_cards.cypher). Each item: the degree (R10: shortest path of at most 3 connections that
// avoids every member in a block with the viewer), the relationship (R11, R12, R13), and the
// inputs of the viewer's buttons (R2): caps (R6), weekly quota (R6), cooldown (R8), InMail (R16),
// and whether connecting needs the member's e-mail address (R5).
MATCH (v:Member {id: $viewer})
WITH v,
     COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds,
     // The viewer's connections, once: each member's mutual count intersects with it in
     // memory instead of probing the viewer's relationships once per connection of theirs.
     {{part:viewer_connections_listed}} AS viewerConnections,
     COUNT { (v)-[:CONNECTED]-() } >= $connectionLimit AS viewerAtCap,
     size([t IN coalesce(v.invitationLog, []) WHERE t > $weekAgo]) >= $weeklyLimit AS quotaUsedUp
CALL {
  UNWIND $ids AS id
  MATCH (m:Member {id: id})
  RETURN m
  UNION
  MATCH (m:Member {handle: $handle})  // a profile page's member, by handle ($ids is then [])
  RETURN m
}
WITH v, m, blockedIds, viewerConnections, viewerAtCap, quotaUsedUp
WHERE NOT m.id IN blockedIds
OPTIONAL MATCH (v)-[c:CONNECTED]-(m)
OPTIONAL MATCH (v)-[sent:INVITED]->(m)
OPTIONAL MATCH (m)-[received:INVITED]->(v)
CALL (v, m, blockedIds) { {{part:hops_by_shortest}} }
CALL (v, m, viewerConnections) { {{part:mutual_count_by_list}} }
WITH v, m, c, sent, received, hops, mutualCount, viewerAtCap, quotaUsedUp
RETURN collect({
  id: m.id,
  degree: CASE
    WHEN v = m THEN 'SELF'
    WHEN hops = 1 THEN 'FIRST'
    WHEN hops = 2 THEN 'SECOND'
    WHEN hops = 3 THEN 'THIRD'
    ELSE 'OUT_OF_NETWORK'
  END,
  isConnected: c IS NOT NULL,
  connectedSince: c.since.epochMillis,
  isFollowing: EXISTS { (v)-[:FOLLOWS]->(m) } AND (m.whoCanFollow = 'EVERYONE' OR c IS NOT NULL),
  isFollowedBy: EXISTS { (m)-[:FOLLOWS]->(v) } AND (v.whoCanFollow = 'EVERYONE' OR c IS NOT NULL),
  invitationSent: CASE WHEN sent IS NULL THEN null
    ELSE {id: sent.id, fromId: v.id, toId: m.id, message: sent.message,
          sentAt: sent.sentAt.epochMillis}
  END,
  invitationReceived: CASE WHEN received IS NULL OR received.ignored THEN null
    ELSE {id: received.id, fromId: m.id, toId: v.id, message: received.message,
          sentAt: received.sentAt.epochMillis}
  END,
  mutualConnectionCount: mutualCount,
  canViewConnections: v = m OR (c IS NOT NULL AND m.connectionsVisibility = 'CONNECTIONS'),
  canMessage: c IS NOT NULL
    OR EXISTS { (v)-[:IN]->(:Conversation {hasInMail: true})<-[:IN]-(m) },
  canInMail: c IS NULL AND v <> m AND m.acceptsInMail AND (m.openProfile OR v.inMailCredits > 0),
  // R5: an invitation must carry the member's e-mail address; the client asks first.
  connectNeedsEmail: v <> m AND m.invitationPolicy = 'KNOWS_EMAIL',
  primaryButton: m.primaryButton,
  canFollow: m.whoCanFollow = 'EVERYONE' OR c IS NOT NULL,
  // R6's cap, then, unless connecting accepts the member's (ignored) invitation (R4), which no
  // quota or cooldown limits, R6's quota and R8's cooldown: as network.decide_invitation.
  canConnect: NOT (viewerAtCap OR COUNT { (m)-[:CONNECTED]-() } >= $connectionLimit)
              AND (received IS NOT NULL OR NOT (quotaUsedUp
                   OR EXISTS { (v)-[w:WITHDREW]->(m) WHERE w.at.epochMillis > $cooldownStart }))
}) AS rows
