-- Relay leadership as a lease instead of a session advisory lock: a lock lives as long as its
-- session, and a frozen or cut-off leader keeps its session (and so the lock) for as long as the
-- kernel keeps the connection. The lease ends by itself when its holder stops renewing it.
-- One row per database. Times are the database's clock: the instances' clocks never count.
CREATE TABLE relay_lease (
    id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
    -- Which relay holds or last held the lease (host, process and a random part).
    holder      text,
    -- The backend of the holder's working connection: a standby takes over at once when it is gone
    -- (the holder's process died), without waiting for the lease to run out.
    holder_pid  int,
    -- Raised by every takeover. The relay reads and marks rows only under the epoch it won, so a
    -- former leader that wakes up is refused by the database.
    epoch       bigint      NOT NULL,
    acquired_at timestamptz,
    expires_at  timestamptz NOT NULL
);

INSERT INTO relay_lease (epoch, expires_at) VALUES (0, '-infinity');
