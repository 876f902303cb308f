-- A ticket's history needs a total order. Timestamps tie (an escalation that creates a ticket makes two
-- moves in the same instant) and UUIDv7 ids are random within a millisecond, so each event records the
-- ticket version its move produced. Moves of one ticket are serialised by the ticket's row lock, so the
-- versions of its events are unique and increasing; the unique key also serves "history, oldest first".
ALTER TABLE ticketing.ticket_events ADD COLUMN ticket_version bigint;

UPDATE ticketing.ticket_events e
   SET ticket_version = ordered.position
  FROM (SELECT id, row_number() OVER (PARTITION BY ticket_id ORDER BY at, id) - 1 AS position
          FROM ticketing.ticket_events) ordered
 WHERE ordered.id = e.id;

ALTER TABLE ticketing.ticket_events
    ALTER COLUMN ticket_version SET NOT NULL,
    ADD CONSTRAINT ticket_events_ticket_version_range CHECK (ticket_version >= 0),
    ADD CONSTRAINT ticket_events_ticket_version_key UNIQUE (ticket_id, ticket_version);

-- superseded by the unique key above (same leading column, the order the API reads)
DROP INDEX ticketing.ticket_events_ticket_at_idx;
