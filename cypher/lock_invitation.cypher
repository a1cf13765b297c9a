// Part of invitation_state, clauses: locks the invitation's members `from` and `to`, the lower
// id first (as lock_pair.cypher).
FOREACH (n IN CASE WHEN from.id < to.id THEN [from, to] ELSE [to, from] END |
  SET n.lock = true REMOVE n.lock)
