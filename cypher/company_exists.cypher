// `exists`: whether company $id exists.
RETURN EXISTS { (:Company {id: $id}) } AS exists
