// Deletes at most $batch read budgets (read_budget_take) that have been whole again for a minute
// or more by the database's clock: a new one starts whole, the same. Returns `swept`.
MATCH (b:ReadBudget) WHERE b.tat < timestamp() - 60000
WITH b LIMIT $batch
DELETE b
RETURN count(*) AS swept
