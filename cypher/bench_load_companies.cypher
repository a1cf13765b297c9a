// Benchmark loader: creates the companies $companies (id, handle, name). Returns nothing.
UNWIND $companies AS company
CREATE (:Company {id: company.id, handle: company.handle, name: company.name, createdAt: datetime()})
