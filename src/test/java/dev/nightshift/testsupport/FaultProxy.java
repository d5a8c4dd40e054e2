package dev.nightshift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in the test JVM between Nightshift and a server, where a test breaks the network on purpose:
 * {@link #cut()} resets every open connection (new ones still get through, as after a network blip),
 * {@link #stall()} stops forwarding without closing anything (a hung peer or firewall), {@link #resume()} lets the
 * held bytes through, and {@link #cutAfterServerBytes}/{@link #cutAfterClientBytes} cut once that many more bytes
 * have passed in that direction, so a case breaks a dump or a load in its middle without sleeping.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final Set<ProxiedConnection> links = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicLong serverBytesLeft = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong clientBytesLeft = new AtomicLong(Long.MAX_VALUE);
    private volatile Runnable serverBytesAction = this::cut;
    private volatile Runnable clientBytesAction = this::cut;
    private final AtomicInteger cutConnections = new AtomicInteger();
    private volatile boolean stalled;
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, String host, int port) {
        this.listener = listener;
        this.host = host;
        this.port = port;
    }

    /** A proxy on a free local port that forwards to {@code host:port}. */
    public static FaultProxy to(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(listener, host, port);
            daemon("fault-proxy-accept-" + listener.getLocalPort(), proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A proxy in front of the test server. */
    public static FaultProxy toTestServer() {
        TestPostgres pg = TestPostgres.get();
        return to(pg.host(), pg.port());
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The JDBC URL of {@code database} through this proxy. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Resets (RST) every open connection; connections opened afterwards are forwarded as usual. */
    public void cut() {
        for (ProxiedConnection link : links) {
            link.reset();
        }
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    /** Stops forwarding in both directions; connections stay open, bytes are held. */
    public void stall() {
        stalled = true;
    }

    /** Forwards again, held bytes first. */
    public void resume() {
        stalled = false;
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    /** Cuts every connection once {@code bytes} more bytes went from the server to Nightshift (all connections). */
    public void cutAfterServerBytes(long bytes) {
        afterServerBytes(bytes, this::cut);
    }

    /** Cuts every connection once {@code bytes} more bytes went from Nightshift to the server (all connections). */
    public void cutAfterClientBytes(long bytes) {
        afterClientBytes(bytes, this::cut);
    }

    /** Runs {@code action} once {@code bytes} more bytes went from Nightshift to the server (see afterServerBytes). */
    public void afterClientBytes(long bytes, Runnable action) {
        clientBytesAction = action;
        clientBytesLeft.set(bytes);
    }

    /**
     * Runs {@code action} (restarting the server, say) once {@code bytes} more bytes went from the server to
     * Nightshift; the connection that crossed the count waits for the action, and forwards on afterwards.
     */
    public void afterServerBytes(long bytes, Runnable action) {
        serverBytesAction = action;
        serverBytesLeft.set(bytes);
    }

    /** How many connections were reset so far: a case asserts its fault really happened. */
    public int cutConnections() {
        return cutConnections.get();
    }

    public int openConnections() {
        return links.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        resume();
        cut();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(host, port), 10_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                ProxiedConnection link = new ProxiedConnection(this, client, server);
                links.add(link);
                daemon("fault-proxy-up-" + client.getPort(), () -> link.pump(client, server, clientBytesLeft, false));
                daemon("fault-proxy-down-" + client.getPort(), () -> link.pump(server, client, serverBytesLeft, true));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("fault proxy: " + e);
                }
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Blocks a pump while the proxy is stalled (and the connection neither reset nor the proxy closed). */
    void awaitForwarding(ProxiedConnection connection) throws InterruptedException {
        synchronized (gate) {
            while (stalled && !connection.isReset() && !closed) {
                gate.wait(100);
            }
        }
    }

    /** A pump crossed the armed byte count of its direction: disarm it and run its action. */
    void crossed(AtomicLong bytesLeft, boolean fromServer) {
        bytesLeft.set(Long.MAX_VALUE);
        (fromServer ? serverBytesAction : clientBytesAction).run();
    }

    void ended(ProxiedConnection connection, boolean wasReset) {
        links.remove(connection);
        if (wasReset) {
            cutConnections.incrementAndGet();
        }
    }
}
