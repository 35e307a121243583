package com.commercesuite.order.saga;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The way in to the real broker for one Kafka client's bootstrap: nothing listens on its port until
 * {@link #open}, so the client cannot reach Kafka at all; once open, it forwards to the broker, which
 * then tells the client its own address. A broker outage for that client alone, without touching
 * the broker everyone else shares.
 */
final class BrokerGate implements AutoCloseable {

    private final int port = freePort();
    private volatile ServerSocket server;

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts forwarding to {@code bootstrapServers} (the first of them). */
    synchronized void open(String bootstrapServers) {
        String[] target = bootstrapServers.split(",")[0].trim().split(":");
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("broker-gate").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket broker = new Socket(target[0], Integer.parseInt(target[1]));
                    Thread.ofVirtual().start(() -> pipe(client, broker));
                    Thread.ofVirtual().start(() -> pipe(broker, client));
                } catch (IOException e) {
                    // Closed, or the broker refused: the client sees a dropped connection and retries.
                }
            }
        });
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side went away: close both below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Nothing left to release.
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
