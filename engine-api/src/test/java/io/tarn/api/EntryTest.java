package io.tarn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryTest {
    private static Entry entry(String address, long size, String etag, String type, Map<String, String> meta, Map<String, String> tags, Instant time) {
        return new Entry(address, size, etag, Map.of(), type, meta, tags, time);
    }

    private static final Instant T = Instant.parse("2026-11-21T10:00:00.123456Z");

    @Test
    void identityIgnoresAddressTimeAndChecksums() {
        Entry a = entry("data/a", 5, "e1", "text/plain", Map.of("k", "v"), Map.of(), T);
        Entry b = new Entry("s3://elsewhere/x", 5, "e1", Map.of("CRC32", "AAAAAA=="), "text/plain", Map.of("k", "v"), Map.of(), T.plusSeconds(60));
        assertThat(a.identity()).isEqualTo(b.identity()).hasSize(64);
        assertThat(a.sameContent(b)).isTrue();
    }

    @Test
    void identityChangesWithEveryDescribedField() {
        Entry base = entry("a", 5, "e1", "text/plain", Map.of("k", "v"), Map.of("t", "1"), T);
        assertThat(entry("a", 6, "e1", "text/plain", Map.of("k", "v"), Map.of("t", "1"), T).identity()).isNotEqualTo(base.identity());
        assertThat(entry("a", 5, "e2", "text/plain", Map.of("k", "v"), Map.of("t", "1"), T).identity()).isNotEqualTo(base.identity());
        assertThat(entry("a", 5, "e1", "text/csv", Map.of("k", "v"), Map.of("t", "1"), T).identity()).isNotEqualTo(base.identity());
        assertThat(entry("a", 5, "e1", "text/plain", Map.of("k", "w"), Map.of("t", "1"), T).identity()).isNotEqualTo(base.identity());
        assertThat(entry("a", 5, "e1", "text/plain", Map.of("k", "v"), Map.of("t", "2"), T).identity()).isNotEqualTo(base.identity());
        assertThat(base.sameContent(null)).isFalse();
    }

    @Test
    void identityIsIndependentOfMapOrderAndUnambiguousAcrossFieldBoundaries() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertThat(entry("x", 1, "e", "t", ab, Map.of(), T).identity()).isEqualTo(entry("x", 1, "e", "t", ba, Map.of(), T).identity());
        // Length prefixes keep "ab"+"c" apart from "a"+"bc".
        assertThat(entry("x", 1, "ab", "c", Map.of(), Map.of(), T).identity()).isNotEqualTo(entry("x", 1, "a", "bc", Map.of(), Map.of(), T).identity());
        assertThat(entry("x", 1, "e", "t", Map.of("k", "v"), Map.of(), T).identity()).isNotEqualTo(entry("x", 1, "e", "t", Map.of(), Map.of("k", "v"), T).identity());
    }

    @Test
    void lastModifiedIsKeptToTheMillisecond() {
        assertThat(entry("a", 1, "e", "t", Map.of(), Map.of(), T).lastModified()).isEqualTo(Instant.parse("2026-11-21T10:00:00.123Z"));
    }

    @Test
    void negativeSizeAndEmptyAddressAreRefused() {
        assertThatThrownBy(() -> entry("a", -1, "e", "t", Map.of(), Map.of(), T)).hasMessage("Invalid size '-1': it cannot be negative");
        assertThatThrownBy(() -> entry("", 1, "e", "t", Map.of(), Map.of(), T)).hasMessage("Invalid address '': it cannot be empty");
    }

    @Test
    void diffEntriesMustMatchTheirType() {
        Entry e = entry("a", 1, "e", "t", Map.of(), Map.of(), T);
        assertThat(new DiffEntry("p", DiffEntry.Type.ADDED, null, e).right()).isEqualTo(e);
        assertThatThrownBy(() -> new DiffEntry("p", DiffEntry.Type.ADDED, e, e)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiffEntry("p", DiffEntry.Type.CHANGED, null, e)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergeConflictMessageCountsEveryConflict() {
        Entry e = entry("a", 1, "e", "t", Map.of(), Map.of(), T);
        MergeConflictException ex = new MergeConflictException("feature", "main",
                java.util.List.of(new MergeConflict("a", null, e, null), new MergeConflict("b", e, null, e), new MergeConflict("c", null, e, e)));
        assertThat(ex).hasMessage("Cannot merge 'feature' into 'main': 3 conflicts");
        assertThat(ex.conflicts()).extracting(MergeConflict::path).containsExactly("a", "b", "c");
    }
}
