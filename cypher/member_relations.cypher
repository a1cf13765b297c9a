// How viewer $viewer stands with each member of $ids (or the one with handle $handle) the
// viewer may see (a block hides, R18),
// one row per member, any order: the degree (R10: shortest path of at most 3 connections that
// avoids every member in a block with the viewer), the relationship (R11, R12, R13), and the
// inputs of the viewer's buttons (R2): caps (R6), weekly quota (R6), cooldown (R8), InMail (R16),
// and whether connecting needs the member's e-mail address (R5).
MATCH (v:Member {id: $viewer})
WITH v,
     COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds,
     // The viewer's connections, once: each member's mutual count intersects with it in
     // memory instead of probing the viewer's relationships once per connection of theirs.
     COLLECT { MATCH (v)-[:CONNECTED]-(x:Member) RETURN elementId(x) } AS viewerConnections,
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
OPTIONAL MATCH p = SHORTEST 1 (v)(()-[:CONNECTED]-(x:Member) WHERE NOT x.id IN blockedIds){1,3}(m)
  WHERE v <> m
WITH v, m, c, sent, received, length(p) AS hops, viewerAtCap, quotaUsedUp, viewerConnections
RETURN m.id AS id,
       CASE
         WHEN v = m THEN 'SELF'
         WHEN hops = 1 THEN 'FIRST'
         WHEN hops = 2 THEN 'SECOND'
         WHEN hops = 3 THEN 'THIRD'
         ELSE 'OUT_OF_NETWORK'
       END AS degree,
       c IS NOT NULL AS isConnected,
       c.since.epochMillis AS connectedSince,
       EXISTS { (v)-[:FOLLOWS]->(m) } AND (m.whoCanFollow = 'EVERYONE' OR c IS NOT NULL)
         AS isFollowing,
       EXISTS { (m)-[:FOLLOWS]->(v) } AND (v.whoCanFollow = 'EVERYONE' OR c IS NOT NULL)
         AS isFollowedBy,
       CASE WHEN sent IS NULL THEN null
         ELSE {id: sent.id, fromId: v.id, toId: m.id, message: sent.message, sentAt: sent.sentAt.epochMillis}
       END AS invitationSent,
       CASE WHEN received IS NULL OR received.ignored THEN null
         ELSE {id: received.id, fromId: m.id, toId: v.id, message: received.message,
               sentAt: received.sentAt.epochMillis}
       END AS invitationReceived,
       CASE WHEN v = m THEN 0  // as Member.mutualConnections lists them: none for oneself
         ELSE size([x IN COLLECT { MATCH (m)-[:CONNECTED]-(y:Member) RETURN elementId(y) }
                    WHERE x IN viewerConnections])
       END AS mutualConnectionCount,
       v = m OR (c IS NOT NULL AND m.connectionsVisibility = 'CONNECTIONS') AS canViewConnections,
       c IS NOT NULL
         OR EXISTS { (v)-[:IN]->(:Conversation {hasInMail: true})<-[:IN]-(m) } AS canMessage,
       c IS NULL AND v <> m AND m.acceptsInMail AND (m.openProfile OR v.inMailCredits > 0)
         AS canInMail,
       // R5: an invitation must carry the member's e-mail address; the client asks first.
       v <> m AND m.invitationPolicy = 'KNOWS_EMAIL' AS connectNeedsEmail,
       m.primaryButton AS primaryButton,
       m.whoCanFollow = 'EVERYONE' OR c IS NOT NULL AS canFollow,
       NOT (viewerAtCap OR quotaUsedUp
            OR COUNT { (m)-[:CONNECTED]-() } >= $connectionLimit
            OR EXISTS { (v)-[w:WITHDREW]->(m) WHERE w.at.epochMillis > $cooldownStart })
         AS canConnect
