-- +goose Up
-- Live updates across replicas: every new timeline event is announced on the
-- warroom_events channel as "<incident id>:<seq>". NOTIFY is delivered at
-- commit, so a listener that reads the store on a notification sees the row.
-- +goose StatementBegin
CREATE FUNCTION warroom_notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('warroom_events', NEW.incident_id || ':' || NEW.seq);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER events_notify AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION warroom_notify_event();

-- +goose Down
DROP TRIGGER events_notify ON events;
DROP FUNCTION warroom_notify_event();
