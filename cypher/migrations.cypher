// Schema migrations: constraints and indexes, each idempotent (IF NOT EXISTS), applied at
// start-up and by the test fixture. Statements are separated by semicolons.
CREATE CONSTRAINT member_id IF NOT EXISTS FOR (m:Member) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT member_handle IF NOT EXISTS FOR (m:Member) REQUIRE m.handle IS UNIQUE;
CREATE CONSTRAINT member_email IF NOT EXISTS FOR (m:Member) REQUIRE m.emailKey IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT company_handle IF NOT EXISTS FOR (c:Company) REQUIRE c.handle IS UNIQUE;
