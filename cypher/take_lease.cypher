// Takes lease $name for $holder (a process) for $ttlMs, by the database's clock, when it is free
// (never taken, lapsed) or $holder's already (a renewal). The lease's node is locked before it is
// read, so of two processes asking at once one gets it. A holder that dies stops renewing, and
// the lease is free again $ttlMs after its last take. Returns `taken`.
MERGE (l:Lease {name: $name})
SET l.lock = true REMOVE l.lock
WITH l, coalesce(l.until, 0) < timestamp() OR l.holder = $holder AS free
SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
    l.until = CASE WHEN free THEN timestamp() + $ttlMs ELSE l.until END
RETURN free AS taken
