// Whether a handle and an e-mail key are taken: `handleTaken`, `emailTaken`.
RETURN EXISTS { (:Member {handle: $handle}) } AS handleTaken,
       EXISTS { (:Member {emailKey: $emailKey}) } AS emailTaken
