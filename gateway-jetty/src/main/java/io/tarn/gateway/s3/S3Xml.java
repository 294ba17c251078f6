package io.tarn.gateway.s3;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/** A small builder of S3's XML documents, escaping text as it goes. Not thread-safe. */
final class S3Xml {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private final StringBuilder out = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    /** Opens the root element with S3's namespace. */
    S3Xml root(String name) {
        out.append('<').append(name).append(" xmlns=\"").append(NAMESPACE).append("\">");
        return this;
    }

    S3Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    S3Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** Appends markup as is (for elements with attributes). */
    S3Xml append(String markup) {
        out.append(markup);
        return this;
    }

    S3Xml element(String name, String text) {
        out.append('<').append(name).append('>');
        escape(text);
        out.append("</").append(name).append('>');
        return this;
    }

    S3Xml element(String name, long value) {
        return element(name, Long.toString(value));
    }

    S3Xml element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    S3Xml elementIfPresent(String name, String text) {
        return text == null ? this : element(name, text);
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** S3's timestamp format in XML bodies: 2026-11-21T10:15:30.123Z. */
    static String timestamp(Instant t) {
        return TIMESTAMP.format(t);
    }
}
