package io.tarn.blockstore.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests as a client holding nothing but a presigned URL makes them: plain HTTP/1.1, no credentials. */
final class PlainHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PlainHttp() {
    }

    static HttpResponse<byte[]> get(URI url) {
        return send(HttpRequest.newBuilder(url).GET().build());
    }

    static HttpResponse<byte[]> put(URI url, byte[] body) {
        return send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code url} with its query parameter {@code name} set to {@code value}. */
    static URI withParameter(URI url, String name, String value) {
        return URI.create(url.toString().replaceFirst("([?&]" + name + "=)[^&]*", "$1" + value));
    }

    /** The value of the query parameter {@code name} of {@code url}. */
    static String parameter(URI url, String name) {
        for (String pair : url.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("No parameter " + name + " in " + url);
    }
}
