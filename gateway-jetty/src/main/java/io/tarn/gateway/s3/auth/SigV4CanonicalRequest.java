package io.tarn.gateway.s3.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The canonical request of SigV4 as S3 computes it. Unlike other AWS services, S3 neither
 * normalises nor re-encodes the path: the raw path is signed exactly as sent. The query is
 * canonicalised (each name and value decoded then encoded the AWS way, sorted by name then value);
 * a parameter without {@code =} gets an empty value. A raw {@code +} in the query is ambiguous
 * (RFC 3986 clients mean a plus, form encoders a space), so the caller may ask for either reading.
 * Each signed header's values are trimmed, inner runs of whitespace collapsed to one space, and
 * repeated headers joined with commas.
 */
final class SigV4CanonicalRequest {
    private SigV4CanonicalRequest() {}

    /**
     * @param excludedParameter a parameter left out of the canonical query ({@code X-Amz-Signature}
     *     for a presigned request), or null
     * @param signedHeaders lower-case names, in the order the client listed them
     * @param payloadHash the payload line: a hex SHA-256 or one of the special payload values
     * @param plusAsSpace whether a raw {@code +} in the query stands for a space
     */
    static String of(SignedRequest request, QueryString query, String excludedParameter,
            List<String> signedHeaders, String payloadHash, boolean plusAsSpace) {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        out.append(request.rawPath()).append('\n');
        out.append(canonicalQuery(query, excludedParameter, plusAsSpace)).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':').append(canonicalHeaderValue(request.headers().get(name))).append('\n');
        }
        out.append('\n');
        out.append(String.join(";", signedHeaders)).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    static String canonicalQuery(QueryString query, String excludedParameter, boolean plusAsSpace) {
        List<String[]> pairs = new ArrayList<>();
        for (QueryString.Parameter parameter : query.parameters()) {
            if (parameter.name().equals(excludedParameter)) {
                continue;
            }
            String name = plusAsSpace ? parameter.formName() : parameter.name();
            String value = plusAsSpace ? parameter.formValue() : parameter.value();
            pairs.add(new String[] {UriEncoding.encode(name), UriEncoding.encode(value)});
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringJoiner joined = new StringJoiner("&");
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return joined.toString();
    }

    private static String canonicalHeaderValue(List<String> values) {
        if (values == null) {
            return "";
        }
        StringJoiner joined = new StringJoiner(",");
        for (String value : values) {
            joined.add(trimAll(value));
        }
        return joined.toString();
    }

    /** Trims the value and collapses each inner run of spaces and tabs to one space. */
    static String trimAll(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
