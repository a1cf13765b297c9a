// Takes $cost units, reads already made, from the read budget of $key (a member): $units per
// $periodMs, shared by every API process. A generic cell rate algorithm on one number: `tat`,
// the time at which the budget is whole again, moves forward by what each take costs. The
// reads were made, so they are always counted; the member is over the budget while `tat` lies
// more than one period ahead. Time is the database's clock, never a caller's. The key's node is
// locked before it is read. Returns `retryAfter`: null within the budget, else when the member
// is within it again (epoch ms).
MERGE (b:ReadBudget {key: $key})
SET b.lock = true REMOVE b.lock
WITH b, timestamp() AS now
WITH b, now,
     CASE WHEN coalesce(b.tat, 0) > now THEN b.tat ELSE now END + $cost * $periodMs / $units
       AS tat
SET b.tat = tat
RETURN CASE WHEN tat - now <= $periodMs THEN null ELSE tat - $periodMs END AS retryAfter
