-- Helpers the pgbench floors use, created in the bench database only, in a schema "bench" (not the product's; created after the migrations).
-- A UUIDv7-like id (48-bit millisecond time first, then random), as the service's Ids.newId makes, so the
-- floor inserts into the primary key index in the same (time-ordered) way.
CREATE SCHEMA IF NOT EXISTS bench;
CREATE OR REPLACE FUNCTION bench.uuid7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(overlay(uuid_send(gen_random_uuid())
                PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                FROM 1 FOR 6), 'hex')::uuid
$$;
-- conversation n of the bench (the same deterministic ids as lib.sh conversation_uuid)
CREATE OR REPLACE FUNCTION bench.conversation(n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid
$$;
