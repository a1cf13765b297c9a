// Claims request key $key for a creating mutation (rules, "Errors": requestId) and locks it, so
// a concurrent retry waits: returns `resultId`, the id of what the first request with this key
// created within the last day (since $dayAgo, epoch ms), or $newId when this request is the
// first (or the earlier one is older than a day) and must create it now.
MERGE (r:Request {key: $key})
  ON CREATE SET r.at = datetime({epochMillis: $now}), r.resultId = $newId
WITH r, r.at.epochMillis < $dayAgo AS expired
SET r.resultId = CASE WHEN expired THEN $newId ELSE r.resultId END,
    r.at = CASE WHEN expired THEN datetime({epochMillis: $now}) ELSE r.at END
RETURN r.resultId AS resultId
