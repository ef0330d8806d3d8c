package org.callway.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The admin API as a client sees it: HTTP, JSON, and the local admin user's credentials. */
public final class Api {

    /** The local administrator the config module provisions (README: admin / callway-admin). */
    public static final String ADMIN = "Basic "
            + Base64.getEncoder().encodeToString("admin:callway-admin".getBytes(StandardCharsets.UTF_8));

    private final HttpClient client = HttpClient.newHttpClient();

    public HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return send("GET", path, null, null, authorization);
    }

    public HttpResponse<String> post(String path, String json, String authorization)
            throws IOException, InterruptedException {
        return send("POST", path, "application/json", json, authorization);
    }

    public HttpResponse<String> put(String path, String json, String authorization)
            throws IOException, InterruptedException {
        return send("PUT", path, "application/json", json, authorization);
    }

    public HttpResponse<String> delete(String path, String authorization) throws IOException, InterruptedException {
        return send("DELETE", path, null, null, authorization);
    }

    /** Any request; {@code contentType} and {@code body} null for none, {@code authorization} null for anonymous. */
    public HttpResponse<String> send(String method, String path, String contentType, String body,
            String authorization) throws IOException, InterruptedException {
        return send(method, path, contentType, body, authorization, null);
    }

    /** Any request, also naming what it accepts ({@code text/html} is what a browser asks for). */
    public HttpResponse<String> send(String method, String path, String contentType, String body,
            String authorization, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(CallwayServer.HTTP + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON array of strings, such as a peer's {@code transports}. */
    public static java.util.List<String> strings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    public static JsonArray array(HttpResponse<String> response) {
        return (JsonArray) parse(response);
    }

    public static JsonObject object(HttpResponse<String> response) {
        return (JsonObject) parse(response);
    }

    private static JsonStructure parse(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        }
    }
}
