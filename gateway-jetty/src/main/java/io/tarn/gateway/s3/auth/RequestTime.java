package io.tarn.gateway.s3.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time a request was signed at, as the {@code x-amz-date} (ISO 8601 basic, {@code
 * 20130524T000000Z}) and {@code Date} (RFC 1123) headers carry it, and how far it may drift from
 * the server's clock.
 */
final class RequestTime {
    /** S3 refuses a signed request whose time is further than this from its own. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RequestTime() {}

    /** The instant of an ISO 8601 basic timestamp, or null when the text is not one. */
    static Instant parseAmzDate(String text) {
        if (text == null || text.length() != 16) {
            return null;
        }
        try {
            return AMZ_DATE.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant of an HTTP date (RFC 1123, also with a {@code -0000} zone), or null. */
    static Instant parseHttpDate(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        if (trimmed.endsWith(" UTC")) {
            trimmed = trimmed.substring(0, trimmed.length() - 3) + "GMT";
        }
        try {
            return ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return parseAmzDate(trimmed);
        }
    }

    static String format(Instant instant) {
        return AMZ_DATE.format(instant);
    }

    /** @throws S3AuthException RequestTimeTooSkewed when the request is more than 15 minutes off */
    static void checkSkew(Instant requestTime, Instant now) {
        if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
            throw AuthFailures.skewed(format(requestTime), format(now));
        }
    }
}
