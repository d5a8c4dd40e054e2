package dev.nightshift.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One connection through a {@link FaultProxy}: Nightshift's socket, the server's, and a pump each way. */
final class ProxiedConnection {

    private final FaultProxy proxy;
    private final Socket client;
    private final Socket server;
    private final AtomicInteger pumpsDone = new AtomicInteger();
    private volatile boolean reset;

    ProxiedConnection(FaultProxy proxy, Socket client, Socket server) {
        this.proxy = proxy;
        this.client = client;
        this.server = server;
    }

    boolean isReset() {
        return reset;
    }

    /** Copies {@code from} to {@code to} until either end closes, holding bytes while the proxy is stalled. */
    void pump(Socket from, Socket to, AtomicLong bytesLeft, boolean fromServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                proxy.awaitForwarding(this);
                if (reset) {
                    return;
                }
                long left = bytesLeft.addAndGet(-n);
                int fits = (int) Math.min(n, Math.max(0, left + n));
                if (left < 0 && left + n >= 0) {
                    // this read crossed the armed count: pass what fits, then act (cut everything, say)
                    out.write(buffer, 0, fits);
                    out.flush();
                    proxy.crossed(bytesLeft, fromServer);
                    if (reset) {
                        return;
                    }
                    out.write(buffer, fits, n - fits);
                } else {
                    out.write(buffer, 0, n);
                }
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            // a reset or closed peer: the other pump sees it too
        } finally {
            if (pumpsDone.incrementAndGet() == 2 && !reset) {
                proxy.ended(this, false);
                quietly(client);
                quietly(server);
            }
        }
    }

    /** Drops the connection with a TCP reset on both ends, as a broken network or a dead middlebox would. */
    void reset() {
        if (reset) {
            return;
        }
        reset = true;
        proxy.ended(this, true);
        abort(client);
        abort(server);
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close now sends RST
            socket.close();
        } catch (SocketException e) {
            // already closed
        } catch (IOException e) {
            // closing anyway
        }
    }
}
