package dev.nightshift.postgres;

import java.io.IOException;

/** No installed pg_dump can handle the server: a setup problem the operator fixes by installing a client. */
public class ClientVersionException extends IOException {

    public ClientVersionException(String message) {
        super(message);
    }
}
