namespace ModularPayments.EventStore.Sqlite;

internal static class Schema
{
    // position is the global log: AUTOINCREMENT never reuses a value, and writes are serialised, so positions
    // become visible in strictly increasing order.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS events (
            position        INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id       TEXT    NOT NULL,
            stream_revision INTEGER NOT NULL,
            event_id        TEXT    NOT NULL,
            event_type      TEXT    NOT NULL,
            data            BLOB    NOT NULL,
            metadata        BLOB    NOT NULL,
            created_at      INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_events_stream ON events (stream_id, stream_revision);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_events_event_id ON events (event_id);
        """;
}
