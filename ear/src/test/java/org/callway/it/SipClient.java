package org.callway.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare SIP-over-WebSocket client: frames out, frames in, and how the connection closed. */
final class SipClient implements WebSocket.Listener, AutoCloseable {

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket ws;

    SipClient(String uri) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
                .buildAsync(URI.create(uri), this).get(10, TimeUnit.SECONDS);
    }

    void send(String message) throws Exception {
        ws.sendText(message, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends without waiting: a server that refuses the frame may never finish reading it. */
    void sendWithoutWaiting(String message) {
        ws.sendText(message, true);
    }

    String next() throws InterruptedException {
        return frames.poll(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith.completeExceptionally(error);
    }

    @Override
    public void close() {
        ws.abort();
    }
}
