package com.commercesuite.gateway;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client of the gateway: any method, token, headers and body, and the whole answer back. */
final class GatewayHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Answer(int status, HttpHeaders headers, String body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        <T> T json(String path) {
            return JsonPath.read(body, path);
        }
    }

    private final String base;
    private String method = "GET";
    private String path = "/";
    private String token;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private boolean chunked;

    private GatewayHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static GatewayHttp on(int port) {
        return new GatewayHttp(port);
    }

    GatewayHttp get(String path) {
        this.method = "GET";
        this.path = path;
        return this;
    }

    GatewayHttp post(String path, String json) {
        return post(path, json.getBytes(StandardCharsets.UTF_8));
    }

    GatewayHttp post(String path, byte[] body) {
        this.method = "POST";
        this.path = path;
        this.body = body;
        headers.putIfAbsent("Content-Type", "application/json");
        return this;
    }

    /** Sends the body without a Content-Length, in chunks. */
    GatewayHttp chunked() {
        this.chunked = true;
        return this;
    }

    GatewayHttp token(String token) {
        this.token = token;
        return this;
    }

    GatewayHttp header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Answer send() {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            byte[] bytes = body;
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        }
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, publisher);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
