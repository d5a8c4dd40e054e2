package dev.nightshift.postgres;

import java.sql.SQLException;

/** Work on a server was ended because it made no progress for the stall timeout (see {@link StallWatch}). */
public class ServerStalledException extends SQLException {

    public ServerStalledException(String message) {
        super(message);
    }
}
