// The names of every constraint and index in the database, as one list `names`.
SHOW INDEXES YIELD name
RETURN collect(name) AS names
