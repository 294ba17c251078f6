package io.tarn.gateway.s3.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The upstream's answer to a forwarded request: its status, the headers to pass on to the client
 * (hop-by-hop ones dropped) and its body, streamed. Close it to release the connection.
 *
 * @param headers names as the upstream sent them, each with its values
 * @param body the body as it arrives; empty for a HEAD
 */
public record UpstreamResponse(int status, Map<String, List<String>> headers, InputStream body) implements Closeable {
    public UpstreamResponse {
        headers = Map.copyOf(headers);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
