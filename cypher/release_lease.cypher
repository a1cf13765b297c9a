// Gives lease $name back if $holder holds it, so that the next process need not wait for it to
// lapse. Returns nothing.
MATCH (l:Lease {name: $name, holder: $holder})
SET l.until = 0
