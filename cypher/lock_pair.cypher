// Part of pair_state, clauses: locks members v and m, the lower id first, so that two
// transactions on the same pair never wait on each other crosswise.
FOREACH (n IN CASE WHEN v.id < m.id THEN [v, m] ELSE [m, v] END |
  SET n.lock = true REMOVE n.lock)
