// Public cards (R3, R24) of the members with ids $ids, or the one with handle $handle, that
// viewer $viewer (null: anonymous) may see: one row, `rows`, an item each, any order (a record
// costs the driver 20 times what an item of a list does, bench/studies/driver_cost.py). Each item:
// profile fields (joinedAt in epoch ms), the workplace's id, and, when $counts, the counts
// (else null: counting reads each of a busy member's follows, which a page of cards seldom
// shows). A member in a block with the viewer, either way, has no item (R18). A follow hidden
// by R13 (the followed member lets only connections follow, and the follower is not one)
// counts nowhere.
// Beside them, `session`: whether member $sessionMember's token version is still
// $sessionVersion (R24: signOut ends every earlier token), so that a request showing members
// needs no query of its own to check its token (resolvers/access/session.py).
OPTIONAL MATCH (tokenOwner:Member {id: $sessionMember})
WHERE tokenOwner.tokenVersion = $sessionVersion
CALL () {
  CALL () {
    UNWIND $ids AS id
    MATCH (m:Member {id: id})
    RETURN m
    UNION
    MATCH (m:Member {handle: $handle})  // a profile page's member, by handle ($ids is then [])
    RETURN m
  }
  WITH m
  WHERE $viewer IS NULL OR NOT EXISTS { (m)-[:BLOCKED]-(:Member {id: $viewer}) }
  OPTIONAL MATCH (m)-[:WORKS_AT]->(workplace:Company)
  RETURN collect({
    id: m.id, handle: m.handle, name: m.name, headline: m.headline,
    primaryButton: m.primaryButton, joinedAt: m.joinedAt.epochMillis, worksAtId: workplace.id,
    // Only members follow members, and only members connect: counting by degree, without
    // reading each relationship, wherever no follow can be hidden.
    followerCount: CASE WHEN NOT $counts THEN null
      WHEN m.whoCanFollow = 'EVERYONE' THEN COUNT { ()-[:FOLLOWS]->(m) }
      ELSE COUNT { (follower)-[:FOLLOWS]->(m) WHERE (follower)-[:CONNECTED]-(m) }
    END,
    followingCount: CASE WHEN $counts THEN COUNT {
      (m)-[:FOLLOWS]->(followed)
      WHERE followed:Company OR followed.whoCanFollow = 'EVERYONE' OR (m)-[:CONNECTED]-(followed)
    } END,
    connectionCount: CASE WHEN $counts THEN COUNT { (m)-[:CONNECTED]-() } END
  }) AS rows
}
RETURN rows, tokenOwner IS NOT NULL AS session
