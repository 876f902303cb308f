-- Live events (platform/live): every new message, every change of a conversation's status and every
-- erased conversation is announced on the channel parley_live, at commit, with ids only. The event
-- streams of every instance read the data back themselves, so a trigger covers every write path.
-- Payload: {"k":"m","c":"<conversation>","s":<seq>} for a message, {"k":"c","c":"<conversation>"} otherwise.

CREATE FUNCTION conversation.notify_message_created() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('parley_live', format('{"k":"m","c":"%s","s":%s}', NEW.conversation_id, NEW.seq));
    RETURN NULL;
END;
$$;
CREATE TRIGGER messages_notify_created
    AFTER INSERT ON conversation.messages
    FOR EACH ROW EXECUTE FUNCTION conversation.notify_message_created();

CREATE FUNCTION conversation.notify_conversation_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('parley_live', format('{"k":"c","c":"%s"}', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END));
    RETURN NULL;
END;
$$;
CREATE TRIGGER conversations_notify_status
    AFTER UPDATE OF status ON conversation.conversations
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION conversation.notify_conversation_changed();
-- an erased conversation ends the streams that follow it
CREATE TRIGGER conversations_notify_deleted
    AFTER DELETE ON conversation.conversations
    FOR EACH ROW EXECUTE FUNCTION conversation.notify_conversation_changed();
