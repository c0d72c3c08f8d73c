package com.split.tasks.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A minimal RESP2 client over a plain socket, for probing and administering test servers.
 *
 * <p>A socket rather than Lettuce: it is called in tight polling loops while a server starts, where a client with its
 * own event loop threads would cost more than the probe.
 */
final class RespConnection implements AutoCloseable {

    /** An error reply ({@code -ERR ...}), returned as a value so pipelined replies can still be read in order. */
    record Error(String message) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RespConnection open(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new RespConnection(socket);
        } catch (IOException ex) {
            socket.close();
            throw ex;
        }
    }

    /** Whether a Redis server on {@code host:port} answers {@code PING} with {@code PONG} (not loading, no auth). */
    static boolean pong(String host, int port) {
        try (RespConnection connection = open(host, port, Duration.ofSeconds(1))) {
            return "PONG".equals(connection.call("PING"));
        } catch (IOException | IllegalStateException ex) {
            return false;
        }
    }

    /** Sends one command and reads its reply; an error reply becomes an {@link IllegalStateException}. */
    @Nullable
    Object call(String... command) throws IOException {
        send(command);
        Object reply = read();
        if (reply instanceof Error(String message)) {
            throw new IllegalStateException("%s: %s".formatted(command[0], message));
        }
        return reply;
    }

    void send(String... command) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        buffer.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            buffer.writeBytes(bytes);
            buffer.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(buffer.toByteArray());
        out.flush();
    }

    /** Reads one reply: String, Long, List, {@link Error}, or null for a null bulk string or array. */
    @Nullable
    Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> new Error(line);
            case ':' -> Long.parseLong(line);
            case '$' -> readBulk(Integer.parseInt(line));
            case '*' -> readArray(Integer.parseInt(line));
            default -> throw new IOException("Not a RESP2 reply: " + (char) type + line);
        };
    }

    private @Nullable String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2); // the payload and its CRLF
        if (bytes.length < length + 2) {
            throw new EOFException("Redis closed the connection inside a reply");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private @Nullable List<@Nullable Object> readArray(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<@Nullable Object> elements = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            elements.add(read());
        }
        return elements;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Redis closed the connection inside a reply");
            }
            line.write(b);
        }
        in.read(); // the \n after \r
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
