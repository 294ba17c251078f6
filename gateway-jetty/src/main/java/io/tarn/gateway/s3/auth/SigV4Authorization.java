package io.tarn.gateway.s3.auth;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A parsed SigV4 {@code Authorization} header: {@code AWS4-HMAC-SHA256 Credential=…,
 * SignedHeaders=…, Signature=…} (spaces after the commas optional).
 *
 * @param signedHeaders lower-case header names, in the order given
 * @param signature the signature as sent
 */
record SigV4Authorization(SigV4Credential credential, List<String> signedHeaders, String signature) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    static SigV4Authorization parse(String header) {
        if (!header.startsWith(ALGORITHM + " ")) {
            throw AuthFailures.malformedHeader("expected the algorithm " + ALGORITHM);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : header.substring(ALGORITHM.length() + 1).split(",", -1)) {
            String component = part.trim();
            int eq = component.indexOf('=');
            if (eq <= 0) {
                throw AuthFailures.malformedHeader("invalid component '" + component + "'");
            }
            String name = component.substring(0, eq);
            String value = component.substring(eq + 1).trim();
            switch (name) {
                case "Credential" -> credential = once(credential, name, value);
                case "SignedHeaders" -> signedHeaders = once(signedHeaders, name, value);
                case "Signature" -> signature = once(signature, name, value);
                default -> throw AuthFailures.malformedHeader("unknown component '" + name + "'");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw AuthFailures.malformedHeader("expected Credential, SignedHeaders and Signature");
        }
        return new SigV4Authorization(
                SigV4Credential.parse(credential, AuthFailures::malformedHeader),
                parseSignedHeaders(signedHeaders, AuthFailures::malformedHeader),
                signature);
    }

    /** Splits a {@code SignedHeaders} list; it must name {@code host}. */
    static List<String> parseSignedHeaders(String list, Function<String, S3AuthException> malformed) {
        if (list.isEmpty()) {
            throw malformed.apply("SignedHeaders is empty");
        }
        List<String> names = List.of(list.toLowerCase(Locale.ROOT).split(";", -1));
        for (String name : names) {
            if (name.isEmpty() || !name.equals(name.trim())) {
                throw malformed.apply("Invalid SignedHeaders '" + list + "'");
            }
        }
        if (!names.contains("host")) {
            throw malformed.apply("SignedHeaders must include 'host'");
        }
        return names;
    }

    private static String once(String previous, String name, String value) {
        if (previous != null) {
            throw AuthFailures.malformedHeader("'" + name + "' appears twice");
        }
        return value;
    }
}
