// What the live poller delivers (R27): for each of $conversations ({id, after}), the messages
// numbered after `after`, as `stream` (the conversation), `upTo` (the highest number), and `ids` and
// `numbers` in commit order. Who may read them is decided when each is loaded for its
// subscriber (message_cards).
UNWIND $conversations AS c
MATCH (msg:Message)
WHERE msg.conversation = c.id AND msg.seq > c.after
WITH c, msg ORDER BY msg.conversation, msg.seq
RETURN c.id AS stream, max(msg.seq) AS upTo, collect(msg.id) AS ids,
       collect(msg.seq) AS numbers
