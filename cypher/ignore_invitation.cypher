// Marks invitation $invitation ignored by its invitee (R8): it leaves the invitee's inbox and
// stays pending for the inviter. Returns nothing.
MATCH (:Member)-[i:INVITED {id: $invitation}]->(:Member)
SET i.ignored = true
