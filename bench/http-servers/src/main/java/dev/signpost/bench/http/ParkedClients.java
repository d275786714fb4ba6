package dev.signpost.bench.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N connections to 127.0.0.1:PORT, sends each a GET of the park path (a request the server holds, like a
 * blocking query) and keeps them open until killed. Prints one line once all are sent and none was answered early.
 */
public final class ParkedClients {
    private ParkedClients() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        byte[] request = ("GET " + Payload.PARK_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            sockets.add(socket);
            if (i % 100 == 99) {
                Thread.sleep(20); // lets the server's acceptor keep up with a small listen backlog
            }
        }
        Thread.sleep(2000);
        long answered = 0;
        for (Socket socket : sockets) {
            if (socket.getInputStream().available() > 0) {
                answered++;
            }
        }
        System.out.println("parked " + count + " requests, answered early: " + answered);
        Thread.sleep(Long.MAX_VALUE);
    }
}
