// Deletes post $post; shares of it stay and show it as unavailable (R17). Returns nothing.
MATCH (p:Post {id: $post})
DETACH DELETE p
