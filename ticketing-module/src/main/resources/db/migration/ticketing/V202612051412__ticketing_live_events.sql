-- Live events (platform/live): every ticket change gets a change number, and the agents' queue stream
-- (and each conversation's stream) resumes after the last number it sent, without gaps.
--
-- Gap-free means: once a reader sees number n committed, no number below n can commit later. So the
-- trigger that draws the number first takes a transaction-level advisory lock that every ticket change
-- takes: ticket changes commit one at a time, in number order. Tickets change rarely (a few moves per
-- escalated conversation), each such transaction is short and touches one ticket, and the lock key
-- (1886547065 = 'prly', 1) lives in the two-key space, apart from every one-key lock (e.g. retention's).
-- A change is an INSERT or an UPDATE that moves the version (every change the application makes);
-- erasure setting conversation_id to NULL is not one.

CREATE SEQUENCE ticketing.ticket_change_seq;

ALTER TABLE ticketing.tickets ADD COLUMN change_seq bigint;
UPDATE ticketing.tickets t
   SET change_seq = o.n
  FROM (SELECT id, row_number() OVER (ORDER BY updated_at, id) AS n FROM ticketing.tickets) o
 WHERE t.id = o.id;
SELECT setval('ticketing.ticket_change_seq', GREATEST(1, (SELECT count(*) FROM ticketing.tickets)),
              (SELECT count(*) > 0 FROM ticketing.tickets));
ALTER TABLE ticketing.tickets ALTER COLUMN change_seq SET NOT NULL;
-- the queue stream reads "change_seq > n ORDER BY change_seq" (unique: the trigger below is the only writer)
CREATE UNIQUE INDEX tickets_change_seq_idx ON ticketing.tickets (change_seq);

CREATE FUNCTION ticketing.number_ticket_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_advisory_xact_lock(1886547065, 1);
        NEW.change_seq := nextval('ticketing.ticket_change_seq');
    ELSIF NEW.version IS DISTINCT FROM OLD.version THEN
        PERFORM pg_advisory_xact_lock(1886547065, 1);
        NEW.change_seq := nextval('ticketing.ticket_change_seq');
    ELSE
        -- only this trigger numbers changes
        NEW.change_seq := OLD.change_seq;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER tickets_number_change
    BEFORE INSERT OR UPDATE ON ticketing.tickets
    FOR EACH ROW EXECUTE FUNCTION ticketing.number_ticket_change();

-- announced at commit, ids only: {"k":"t","c":"<conversation>"|null,"q":<change_seq>}
CREATE FUNCTION ticketing.notify_ticket_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.change_seq IS NOT DISTINCT FROM OLD.change_seq THEN
            RETURN NULL;
        END IF;
    END IF;
    PERFORM pg_notify('parley_live', format('{"k":"t","c":%s,"q":%s}',
        COALESCE('"' || NEW.conversation_id || '"', 'null'), NEW.change_seq));
    RETURN NULL;
END;
$$;
CREATE TRIGGER tickets_notify_changed
    AFTER INSERT OR UPDATE ON ticketing.tickets
    FOR EACH ROW EXECUTE FUNCTION ticketing.notify_ticket_changed();
