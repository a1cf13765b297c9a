// Part of member_relations: `mutualCount` as mutual_count_by_list.cypher answers it, from the
// network index (docs/discovery.md): the smaller side's connections as a set, probed with the
// other's, instead of a list membership test per connection.
RETURN vernetzt.network.mutualCount(v, m) AS mutualCount
