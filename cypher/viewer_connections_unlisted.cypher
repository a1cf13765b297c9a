// Part of member_relations, an expression: no list of the viewer's connections, where the
// network index counts mutual connections (mutual_count_by_index.cypher): for a member with ten
// thousand connections, reading them all would cost more than the page's counts.
[]
