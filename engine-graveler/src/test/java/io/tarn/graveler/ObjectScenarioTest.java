package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.DiffRequest;
import io.tarn.api.Entry;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.ListRequest;
import io.tarn.api.NotFoundException;
import io.tarn.api.ObjectContent;
import io.tarn.api.ObjectListing;
import io.tarn.api.ObjectWrite;
import io.tarn.api.ReadOnlyRefException;
import io.tarn.api.ResetScope;
import io.tarn.api.TagName;
import io.tarn.graveler.committed.KeyOrder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestRepositoryExtension.class)
class ObjectScenarioTest {
    TestRepository repo;

    // Staging and reading

    @Test
    void stagedWritesAreReadOnTheBranchAndNotAtItsCommittedState() {
        repo.commit("main").put("a", "committed").create();
        repo.put("main", "a", "staged");
        repo.put("main", "b", "new");

        assertThat(repo.contents("main")).containsExactly(entry("a", "staged"), entry("b", "new"));
        assertThat(repo.contents("main@")).containsExactly(entry("a", "committed"));
    }

    @Test
    void theLastOfSeveralStagedWritesToOnePathWins() {
        repo.put("main", "a", "1");
        repo.put("main", "a", "2");
        repo.put("main", "a", "3");

        assertThat(repo.read("main", "a")).isEqualTo("3");
        repo.commit("main", "three writes");
        assertThat(repo.contents("main@")).containsExactly(entry("a", "3"));
    }

    @Test
    void aStagedDeletionHidesACommittedObjectUntilCommittedAndThenRemovesIt() {
        repo.commit("main").put("a", "1").put("b", "2").create();

        repo.delete("main", "a");

        assertThat(repo.read("main", "a")).isNull();
        assertThat(repo.read("main@", "a")).isEqualTo("1");
        assertThat(repo.paths("main", "")).containsExactly("b");
        repo.commit("main", "delete a");
        assertThat(repo.contents("main@")).containsExactly(entry("b", "2"));
    }

    @Test
    void statOfADeletedObjectIsNotFoundNamingThePath() {
        repo.commit("main").put("dir/a", "1").create();
        repo.delete("main", "dir/a");

        assertThatThrownBy(() -> repo.engine.statObject(NAME, "main", "dir/a"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'dir/a'")
                .satisfies(e -> assertThat(((NotFoundException) e).kind()).isEqualTo(NotFoundException.Kind.OBJECT));
    }

    @Test
    void deletingAMissingPathIsNoErrorAndNoChange() {
        repo.commit("main").put("a", "1").create();

        repo.delete("main", "never-written");

        assertThat(repo.contents("main")).containsExactly(entry("a", "1"));
        assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items()).isEmpty();
    }

    @Test
    void aCommitOfOnlyDeletionsOfMissingPathsIsRefusedAsEmpty() {
        Commit head = repo.commit("main").put("a", "1").create();
        repo.delete("main", "never-written");

        assertThatThrownBy(() -> repo.commit("main", "deletes nothing"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'main'");
        assertThat(repo.engine.resolve(NAME, "main")).isEqualTo(head.id());
        repo.put("main", "b", "2");
        assertThat(repo.commit("main", "real change").parents()).containsExactly(head.id());
    }

    @Test
    void aWriteAfterAStagedDeletionRestoresThePath() {
        repo.commit("main").put("a", "1").create();
        repo.delete("main", "a");

        repo.put("main", "a", "back");

        assertThat(repo.read("main", "a")).isEqualTo("back");
    }

    // Read-only and unknown refs

    @Test
    void writingToATagIsReadOnlyNamingTheTag() {
        Commit head = repo.commit("main").put("a", "1").create();
        repo.engine.createTag(NAME, new TagName("v1"), "main");

        assertThatThrownBy(() -> repo.put("v1", "a", "2"))
                .isInstanceOf(ReadOnlyRefException.class)
                .hasMessageContaining("'v1'")
                .hasMessageContaining("tag")
                .satisfies(e -> assertThat(((ReadOnlyRefException) e).ref()).isEqualTo("v1"));
        assertThat(repo.engine.resolve(NAME, "v1")).isEqualTo(head.id());
        assertThat(repo.read("v1", "a")).isEqualTo("1");
    }

    @Test
    void deletingAndStagingOnATagAreReadOnlyToo() {
        repo.commit("main").put("a", "1").create();
        repo.engine.createTag(NAME, new TagName("v1"), "main");
        Entry entry = repo.engine.statObject(NAME, "main", "a");

        assertThatThrownBy(() -> repo.delete("v1", "a"))
                .isInstanceOf(ReadOnlyRefException.class).hasMessageContaining("'v1'");
        assertThatThrownBy(() -> repo.engine.stageObject(NAME, new BranchName("v1"), "b", entry))
                .isInstanceOf(ReadOnlyRefException.class).hasMessageContaining("'v1'");
        assertThat(repo.contents("v1")).containsExactly(entry("a", "1"));
    }

    @Test
    void writingToACommitIdIsReadOnlyNamingTheCommit() {
        Commit head = repo.commit("main").put("a", "1").create();
        String id = head.id().value();

        assertThatThrownBy(() -> repo.put(id, "a", "2"))
                .isInstanceOf(ReadOnlyRefException.class)
                .hasMessageContaining("'" + id + "'")
                .hasMessageContaining("commit");
    }

    @Test
    void writingToAnUnknownBranchIsNotFoundNamingTheBranch() {
        assertThatThrownBy(() -> repo.put("ghost", "a", "1"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'ghost'")
                .satisfies(e -> assertThat(((NotFoundException) e).kind()).isEqualTo(NotFoundException.Kind.BRANCH));
        assertThatThrownBy(() -> repo.delete("ghost", "a"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'ghost'");
    }

    @Test
    void readingFromAnUnknownRefIsNotFoundNamingTheRef() {
        assertThatThrownBy(() -> repo.engine.readObject(NAME, "ghost", "a", 0, -1))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'ghost'")
                .satisfies(e -> assertThat(((NotFoundException) e).kind()).isEqualTo(NotFoundException.Kind.REF));
    }

    // Byte ranges

    @Test
    void readObjectReturnsTheRequestedByteRange() {
        repo.put("main", "digits", "0123456789");

        assertThat(read("main", "digits", 0, -1)).isEqualTo("0123456789");
        assertThat(read("main", "digits", 2, 3)).isEqualTo("234");
        assertThat(read("main", "digits", 9, -1)).isEqualTo("9");
        assertThat(read("main", "digits", 7, 100)).isEqualTo("789");
        assertThat(read("main", "digits", 0, 1)).isEqualTo("0");
    }

    @Test
    void readObjectReportsTheOffsetAndLengthItServes() throws IOException {
        repo.put("main", "digits", "0123456789");

        try (ObjectContent content = repo.engine.readObject(NAME, "main", "digits", 7, 100)) {
            assertThat(content.offset()).isEqualTo(7);
            assertThat(content.length()).isEqualTo(3);
            assertThat(content.entry().size()).isEqualTo(10);
        }
        try (ObjectContent content = repo.engine.readObject(NAME, "main", "digits", 0, -1)) {
            assertThat(content.offset()).isZero();
            assertThat(content.length()).isEqualTo(10);
        }
    }

    @Test
    void byteRangesReadCommittedObjectsToo() {
        repo.commit("main").put("digits", "0123456789").create();

        assertThat(read("main@", "digits", 3, 4)).isEqualTo("3456");
    }

    @Test
    void aNegativeLengthOtherThanMinusOneIsAnInvalidArgumentNamingIt() {
        repo.put("main", "digits", "0123456789");

        assertThatThrownBy(() -> repo.engine.readObject(NAME, "main", "digits", 0, -5))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'-5'");
    }

    @Test
    void anOffsetAtOrPastTheEndIsAnInvalidArgumentNamingIt() {
        repo.put("main", "digits", "0123456789");

        assertThatThrownBy(() -> repo.engine.readObject(NAME, "main", "digits", 10, -1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'10'")
                .hasMessageContaining("'digits'");
        assertThatThrownBy(() -> repo.engine.readObject(NAME, "main", "digits", 25, 5))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'25'");
    }

    @Test
    void aNegativeOffsetIsAnInvalidArgument() {
        repo.put("main", "digits", "0123456789");

        assertThatThrownBy(() -> repo.engine.readObject(NAME, "main", "digits", -1, 5))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'-1'");
    }

    @Test
    void anEmptyObjectIsStoredCommittedAndReadBack() throws IOException {
        Entry written = repo.engine.writeObject(NAME, MAIN, "empty", new ByteArrayInputStream(new byte[0]), 0,
                ObjectWrite.of("application/octet-stream"));

        assertThat(written.size()).isZero();
        assertThat(written.etag()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        repo.commit("main", "empty object");
        assertThat(repo.engine.statObject(NAME, "main@", "empty")).isEqualTo(written);
        try (ObjectContent content = repo.engine.readObject(NAME, "main@", "empty", 0, -1)) {
            assertThat(content.length()).isZero();
            assertThat(content.stream().readAllBytes()).isEmpty();
        }
        assertThat(repo.paths("main@", "")).containsExactly("empty");
    }

    @Test
    void anObjectOfUnknownLengthIsStoredWhole() {
        byte[] bytes = "streamed without a length".getBytes(StandardCharsets.UTF_8);

        Entry written = repo.engine.writeObject(NAME, MAIN, "s", new ByteArrayInputStream(bytes), -1, ObjectWrite.of("text/plain"));

        assertThat(written.size()).isEqualTo(bytes.length);
        assertThat(written.etag()).isEqualTo(md5Hex(bytes));
        assertThat(repo.read("main", "s")).isEqualTo("streamed without a length");
    }

    // Listing

    @Test
    void listingWithAPrefixReturnsOnlyPathsStartingWithIt() {
        repo.commit("main").put("dir/a", "1").put("dir/b", "2").put("dirt", "3").put("di", "4").put("other/x", "5").create();

        assertThat(repo.paths("main", "dir/")).containsExactly("dir/a", "dir/b");
        assertThat(repo.paths("main", "dir")).containsExactly("dir/a", "dir/b", "dirt");
        assertThat(repo.paths("main", "nothing/")).isEmpty();
    }

    @Test
    void listingWithADelimiterRollsPathsUpIntoCommonPrefixes() {
        repo.commit("main").put("a.txt", "1").put("dir1/x", "2").put("dir1/y", "3").put("dir2/z", "4").put("dir2/sub/w", "5")
                .put("e.txt", "6").create();

        ObjectListing listing = repo.engine.listObjects(NAME, "main", new ListRequest("", "/", "", 100));

        assertThat(listing.objects()).extracting(ObjectListing.PathEntry::path).containsExactly("a.txt", "e.txt");
        assertThat(listing.commonPrefixes()).containsExactly("dir1/", "dir2/");
        assertThat(listing.hasMore()).isFalse();
        assertThat(listing.nextAfter()).isNull();
    }

    @Test
    void listingWithAPrefixAndADelimiterRollsUpBelowThePrefix() {
        repo.commit("main").put("dir2/z", "1").put("dir2/sub/w", "2").put("dir2/sub/v", "3").put("dir2/other/u", "4").create();

        ObjectListing listing = repo.engine.listObjects(NAME, "main", new ListRequest("dir2/", "/", "", 100));

        assertThat(listing.objects()).extracting(ObjectListing.PathEntry::path).containsExactly("dir2/z");
        assertThat(listing.commonPrefixes()).containsExactly("dir2/other/", "dir2/sub/");
    }

    @Test
    void anAmountCountsObjectsAndCommonPrefixesTogether() {
        repo.commit("main").put("a.txt", "1").put("dir1/x", "2").put("dir1/y", "3").put("dir2/z", "4").put("e.txt", "5").create();

        ObjectListing first = repo.engine.listObjects(NAME, "main", new ListRequest("", "/", "", 3));
        ObjectListing second = repo.engine.listObjects(NAME, "main", new ListRequest("", "/", first.nextAfter(), 3));

        assertThat(first.objects()).extracting(ObjectListing.PathEntry::path).containsExactly("a.txt");
        assertThat(first.commonPrefixes()).containsExactly("dir1/", "dir2/");
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextAfter()).isEqualTo("dir2/");
        assertThat(second.objects()).extracting(ObjectListing.PathEntry::path).containsExactly("e.txt");
        assertThat(second.commonPrefixes()).isEmpty();
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void pagingOneByOneWithADelimiterVisitsEachCommonPrefixOnce() {
        TestRepository.CommitBuilder builder = repo.commit("main").put("a.txt", "1").put("z.txt", "2");
        for (int i = 0; i < 12; i++) {
            builder.put("dir" + (i % 3) + "/file" + i, "v" + i);
        }
        builder.create();
        repo.put("main", "dir1/staged", "s");
        repo.put("main", "dir3/staged", "s");

        List<String> seen = new ArrayList<>();
        List<String> afters = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 20; page++) {
            ObjectListing listing = repo.engine.listObjects(NAME, "main", new ListRequest("", "/", after, 1));
            assertThat(listing.objects().size() + listing.commonPrefixes().size()).isEqualTo(1);
            listing.objects().forEach(o -> seen.add(o.path()));
            seen.addAll(listing.commonPrefixes());
            if (!listing.hasMore()) {
                break;
            }
            after = listing.nextAfter();
            afters.add(after);
        }

        assertThat(seen).containsExactly("a.txt", "dir0/", "dir1/", "dir2/", "dir3/", "z.txt");
        assertThat(afters).containsExactly("a.txt", "dir0/", "dir1/", "dir2/", "dir3/");
    }

    @Test
    void listingAfterAPathStartsStrictlyAfterIt() {
        repo.commit("main").put("dir1/x", "1").put("dir1/y", "2").put("dir2/z", "3").put("e.txt", "4").create();

        assertThat(paths(repo.engine.listObjects(NAME, "main", new ListRequest("", "", "dir1/x", 100))))
                .containsExactly("dir1/y", "dir2/z", "e.txt");
        assertThat(paths(repo.engine.listObjects(NAME, "main", new ListRequest("", "", "dir1/", 100))))
                .containsExactly("dir1/x", "dir1/y", "dir2/z", "e.txt");
        assertThat(paths(repo.engine.listObjects(NAME, "main", new ListRequest("dir1/", "", "dir1/x", 100))))
                .containsExactly("dir1/y");
        assertThat(paths(repo.engine.listObjects(NAME, "main", new ListRequest("", "", "e.txt", 100)))).isEmpty();
    }

    @Test
    void listingMergesStagedChangesOverCommittedObjectsAcrossPages() {
        TestRepository.CommitBuilder builder = repo.commit("main");
        for (int i = 0; i < 30; i += 2) {
            builder.put(String.format("k%02d", i), "committed");
        }
        builder.create();
        for (int i = 1; i < 30; i += 4) {
            repo.put("main", String.format("k%02d", i), "staged");
        }
        for (int i = 0; i < 30; i += 6) {
            repo.delete("main", String.format("k%02d", i));
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean committed = i % 2 == 0 && i % 6 != 0;
            boolean staged = i % 4 == 1;
            if (committed || staged) {
                expected.add(String.format("k%02d", i));
            }
        }
        assertThat(repo.paths("main", "")).containsExactlyElementsOf(expected);
        ObjectListing firstPage = repo.engine.listObjects(NAME, "main", ListRequest.all("", 5));
        assertThat(paths(firstPage)).containsExactlyElementsOf(expected.subList(0, 5));
        assertThat(firstPage.hasMore()).isTrue();
        assertThat(firstPage.nextAfter()).isEqualTo(expected.get(4));
    }

    @Test
    void aListingThatEndsExactlyAtTheAmountHasNoMore() {
        repo.commit("main").put("a", "1").put("b", "2").put("c", "3").create();
        repo.delete("main", "c");

        ObjectListing listing = repo.engine.listObjects(NAME, "main", ListRequest.all("", 2));

        assertThat(paths(listing)).containsExactly("a", "b");
        assertThat(listing.hasMore()).isFalse();
        assertThat(listing.nextAfter()).isNull();
    }

    @Test
    void listedEntriesAreTheEntriesStatReturns() {
        Entry a = repo.put("main", "a", "1");
        repo.commit("main", "a");
        Entry b = repo.put("main", "b", "2");

        ObjectListing listing = repo.engine.listObjects(NAME, "main", ListRequest.all("", 10));

        assertThat(listing.objects()).containsExactly(new ObjectListing.PathEntry("a", a), new ObjectListing.PathEntry("b", b));
    }

    @Test
    void listingWithAPrefixThatDoesNotEndInTheDelimiterRollsUpAfterThePrefix() {
        repo.commit("main").put("dir1/x", "1").put("dir2/y", "2").put("dirt", "3").put("do", "4").create();

        ObjectListing listing = repo.engine.listObjects(NAME, "main", new ListRequest("dir", "/", "", 10));

        assertThat(paths(listing)).containsExactly("dirt");
        assertThat(listing.commonPrefixes()).containsExactly("dir1/", "dir2/");
    }

    @Test
    void aCommonPrefixWhoseObjectsAreAllDeletedIsNotListed() {
        repo.commit("main").put("gone/a", "1").put("gone/b", "2").put("kept/c", "3").create();
        repo.delete("main", "gone/a");
        repo.delete("main", "gone/b");
        repo.put("main", "new/d", "4");

        ObjectListing listing = repo.engine.listObjects(NAME, "main", new ListRequest("", "/", "", 10));

        assertThat(listing.commonPrefixes()).containsExactly("kept/", "new/");
        assertThat(repo.engine.listObjects(NAME, "main@", new ListRequest("", "/", "", 10)).commonPrefixes())
                .containsExactly("gone/", "kept/");
    }

    @Test
    void aMultiCharacterDelimiterRollsUpAtItsFirstOccurrence() {
        repo.commit("main").put("a--b--c", "1").put("a--d", "2").put("a-e", "3").put("f", "4").create();

        ObjectListing listing = repo.engine.listObjects(NAME, "main", new ListRequest("", "--", "", 10));

        assertThat(paths(listing)).containsExactly("a-e", "f");
        assertThat(listing.commonPrefixes()).containsExactly("a--");
    }

    // Long and unicode paths

    @Test
    void pathsLongerThan400BytesSharingTheirFirst400BytesAreStagedListedCommittedAndReadBack() {
        String base = "long/" + "x".repeat(395);
        assertThat(base.getBytes(StandardCharsets.UTF_8)).hasSize(400);
        List<String> paths = new ArrayList<>(List.of(base, base + "a", base + "b", base + "c/d", base + "zz", base + "\u00e9",
                base + "0", base + "a" + "y".repeat(300), base.substring(0, 399) + "w", base + "m", base + "n", "long/y"));
        for (String p : paths) {
            repo.put("main", p, "content of " + p.substring(p.length() - 3));
        }
        List<String> sorted = paths.stream().sorted(KeyOrder.COMPARATOR).toList();

        assertThat(repo.paths("main", "")).containsExactlyElementsOf(sorted);
        assertThat(pageOneByOne("main", "")).containsExactlyElementsOf(sorted);
        repo.commit("main", "long paths");
        assertThat(repo.paths("main@", "")).containsExactlyElementsOf(sorted);
        assertThat(pageOneByOne("main@", "")).containsExactlyElementsOf(sorted);
        for (String p : paths) {
            assertThat(repo.read("main@", p)).isEqualTo("content of " + p.substring(p.length() - 3));
        }
    }

    @Test
    void longPathsAreListedByALongPrefix() {
        String base = "long/" + "x".repeat(395);
        for (String suffix : List.of("a1", "a2", "b1", "a3")) {
            repo.put("main", base + suffix, suffix);
        }

        assertThat(repo.paths("main", base + "a")).containsExactly(base + "a1", base + "a2", base + "a3");
        repo.commit("main", "long");
        assertThat(repo.paths("main@", base + "a")).containsExactly(base + "a1", base + "a2", base + "a3");
    }

    @Test
    void longPathsAreDeletedAndResetOneByOne() {
        String base = "long/" + "x".repeat(395);
        repo.commit("main").put(base + "keep", "1").put(base + "gone", "2").create();

        repo.delete("main", base + "gone");
        repo.put("main", base + "keep", "changed");
        repo.put("main", base + "other", "3");
        repo.engine.reset(NAME, MAIN, new ResetScope.Path(base + "keep"));

        assertThat(repo.contents("main")).containsExactly(entry(base + "keep", "1"), entry(base + "other", "3"));
        repo.commit("main", "long changes");
        assertThat(repo.contents("main@")).containsExactly(entry(base + "keep", "1"), entry(base + "other", "3"));
    }

    @Test
    void longPathsWhoseFirst400BytesEndInsideACharacterSortInUtf8ByteOrder() {
        String base = "m/" + "x".repeat(397);
        assertThat(base.getBytes(StandardCharsets.UTF_8)).hasSize(399);
        List<String> paths = List.of(base + "\u00e9b", base + "\u00eaa", base + "\u00e9", base + "\u00e9a", base + "\u00e9\u00e9",
                base + "\uD83D\uDE00", base + "\uFFFD", base + "z");
        for (String p : paths) {
            repo.put("main", p, p.substring(base.length()));
        }
        List<String> sorted = paths.stream().sorted(KeyOrder.COMPARATOR).toList();

        assertThat(pageOneByOne("main", "")).containsExactlyElementsOf(sorted);
        assertThat(pageOneByOne("main", base + "\u00e9")).containsExactly(base + "\u00e9", base + "\u00e9a", base + "\u00e9b",
                base + "\u00e9\u00e9");
        repo.commit("main", "straddling");
        assertThat(pageOneByOne("main@", "")).containsExactlyElementsOf(sorted);
        for (String p : paths) {
            assertThat(repo.read("main@", p)).isEqualTo(p.substring(base.length()));
        }
    }

    @Test
    void longPathsRollUpIntoCommonPrefixesLongerThan400Bytes() {
        String base = "long/" + "x".repeat(400);
        repo.commit("main").put(base + "/a/1", "1").put(base + "/a/2", "2").put(base + "/b", "3").create();
        repo.put("main", base + "/c/1", "4");
        repo.put("main", base + "/a/3", "5");

        ObjectListing first = repo.engine.listObjects(NAME, "main", new ListRequest(base + "/", "/", "", 1));
        ObjectListing second = repo.engine.listObjects(NAME, "main", new ListRequest(base + "/", "/", first.nextAfter(), 1));
        ObjectListing rest = repo.engine.listObjects(NAME, "main", new ListRequest(base + "/", "/", second.nextAfter(), 10));

        assertThat(first.commonPrefixes()).containsExactly(base + "/a/");
        assertThat(first.nextAfter()).isEqualTo(base + "/a/");
        assertThat(paths(second)).containsExactly(base + "/b");
        assertThat(rest.commonPrefixes()).containsExactly(base + "/c/");
        assertThat(rest.hasMore()).isFalse();
    }

    @Test
    void resetOfAPrefixLongerThan400BytesDropsOnlyThePathsUnderIt() {
        String base = "long/" + "x".repeat(400);
        repo.put("main", base + "/a/1", "1");
        repo.put("main", base + "/a/2", "2");
        repo.put("main", base + "/b", "3");

        repo.engine.reset(NAME, MAIN, new ResetScope.Prefix(base + "/a/"));

        assertThat(repo.paths("main", "")).containsExactly(base + "/b");
    }

    @Test
    void unicodePathsSortInUtf8ByteOrder() {
        String replacement = "\uFFFD";
        String emoji = "\uD83D\uDE00";
        String privateUse = "\uE000";
        List<String> paths = List.of("a", "\u00e9", privateUse, replacement, emoji, "z", emoji + "/x", replacement + "/x", "\u4e2d\u6587");
        for (String p : paths) {
            repo.put("main", p, p);
        }
        List<String> expected = List.of("a", "z", "\u00e9", "\u4e2d\u6587", privateUse, replacement, replacement + "/x", emoji, emoji + "/x");

        assertThat(repo.paths("main", "")).containsExactlyElementsOf(expected);
        assertThat(pageOneByOne("main", "")).containsExactlyElementsOf(expected);
        repo.commit("main", "unicode");
        assertThat(repo.paths("main@", "")).containsExactlyElementsOf(expected);
        assertThat(pageOneByOne("main@", "")).containsExactlyElementsOf(expected);
        for (String p : paths) {
            assertThat(repo.read("main@", p)).isEqualTo(p);
        }
    }

    @Test
    void unicodePathsInterleaveInUtf8ByteOrderAcrossStagedAndCommittedData() {
        String replacement = "\uFFFD";
        String emoji = "\uD83D\uDE00";
        repo.commit("main").put(emoji, "committed").put("a", "committed").create();
        repo.put("main", replacement, "staged");
        repo.put("main", "\uD83D\uDE01", "staged");

        assertThat(repo.paths("main", "")).containsExactly("a", replacement, emoji, "\uD83D\uDE01");
        assertThat(paths(repo.engine.listObjects(NAME, "main", new ListRequest("", "", replacement, 10))))
                .containsExactly(emoji, "\uD83D\uDE01");
    }

    @Test
    void unicodeCommonPrefixesSortInUtf8ByteOrder() {
        String replacement = "\uFFFD";
        String emoji = "\uD83D\uDE00";
        repo.commit("main").put(emoji + "/a", "1").put(replacement + "/b", "2").create();
        repo.put("main", "\uE000/c", "3");

        ObjectListing listing = repo.engine.listObjects(NAME, "main", new ListRequest("", "/", "", 10));

        assertThat(listing.commonPrefixes()).containsExactly("\uE000/", replacement + "/", emoji + "/");
    }

    @Test
    void anEmptyPathIsAnInvalidArgument() {
        assertThatThrownBy(() -> repo.put("main", "", "1"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("path")
                .hasMessageContaining("''");
        assertThatThrownBy(() -> repo.delete("main", ""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("path");
    }

    @Test
    void aPathLongerThan1024Utf8BytesIsAnInvalidArgument() {
        String tooLong = "\u00e9".repeat(513);
        assertThat(tooLong.length()).isLessThan(1024);

        assertThatThrownBy(() -> repo.put("main", tooLong, "1"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(tooLong.substring(0, 32))
                .hasMessageContaining("1026");
        assertThatThrownBy(() -> repo.delete("main", "d/" + "x".repeat(1023)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("d/xxxx");
        assertThat(repo.contents("main")).isEmpty();
    }

    @Test
    void aPathWithANulCharacterIsAnInvalidArgument() {
        assertThatThrownBy(() -> repo.put("main", "a\0b", "1"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("path")
                .hasMessageContaining("NUL");
    }

    @Test
    void pathsAreTakenLiterally() {
        List<String> paths = List.of("/leading", "a//b", "a/./b", "a/../b", "with space", "percent%2Fslash", "plus+sign", "trailing/",
                "e\u0301", "\u00e9");
        for (String p : paths) {
            repo.put("main", p, "[" + p + "]");
        }
        repo.commit("main", "literal paths");

        assertThat(repo.paths("main@", "")).containsExactlyInAnyOrderElementsOf(paths);
        for (String p : paths) {
            assertThat(repo.read("main@", p)).isEqualTo("[" + p + "]");
        }
    }

    @Test
    void aPathOfExactly1024BytesIsAccepted() {
        String longest = "p/" + "x".repeat(1022);

        repo.put("main", longest, "fits");
        repo.commit("main", "longest");

        assertThat(repo.read("main@", longest)).isEqualTo("fits");
    }

    // Metadata

    @Test
    void contentTypeUserMetadataTagsAndChecksumsRoundTripThroughACommit() throws Exception {
        byte[] bytes = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
        ObjectWrite description = new ObjectWrite("application/json", Map.of("owner", "ana", "purpose", "test"),
                Map.of("team", "data", "pii", "no"), Set.of("CRC32C", "SHA256"));

        Entry written = repo.engine.writeObject(NAME, MAIN, "doc.json", new ByteArrayInputStream(bytes), bytes.length, description);
        Commit commit = repo.commit("main", "metadata");

        CRC32C crc = new CRC32C();
        crc.update(bytes);
        String crc32c = Base64.getEncoder().encodeToString(new byte[] {
                (byte) (crc.getValue() >>> 24), (byte) (crc.getValue() >>> 16), (byte) (crc.getValue() >>> 8), (byte) crc.getValue()});
        String sha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(written.contentType()).isEqualTo("application/json");
        assertThat(written.userMetadata()).containsOnly(entry("owner", "ana"), entry("purpose", "test"));
        assertThat(written.tags()).containsOnly(entry("team", "data"), entry("pii", "no"));
        assertThat(written.checksums()).containsOnly(entry("CRC32C", crc32c), entry("SHA256", sha256));
        assertThat(written.etag()).isEqualTo(md5Hex(bytes));
        assertThat(written.size()).isEqualTo(bytes.length);
        for (String ref : List.of("main", "main@", commit.id().value())) {
            assertThat(repo.engine.statObject(NAME, ref, "doc.json")).as(ref).isEqualTo(written);
        }
        assertThat(repo.engine.listObjects(NAME, "main@", ListRequest.all("", 10)).objects())
                .containsExactly(new ObjectListing.PathEntry("doc.json", written));
    }

    @Test
    void emptyAndUnicodeMetadataRoundTripThroughACommit() {
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
        ObjectWrite description = new ObjectWrite("text/plain; charset=utf-8",
                Map.of("empty", "", "\uFFFD", "replacement", "\uD83D\uDE00", "emoji \u4e2d\u6587", "a", "1", "b", "2", "c", "3"),
                Map.of("", "empty key", "k", ""), Set.of());

        Entry written = repo.engine.writeObject(NAME, MAIN, "x", new ByteArrayInputStream(bytes), 1, description);
        Commit commit = repo.commit("main", "metadata");

        assertThat(repo.engine.statObject(NAME, commit.id().value(), "x")).isEqualTo(written);
        assertThat(repo.engine.diff(NAME, "main~1", "main", DiffRequest.twoDot(10)).items()).singleElement()
                .satisfies(d -> assertThat(d.right()).isEqualTo(written));
    }

    @Test
    void aBodyShorterThanItsDeclaredLengthStagesNothing() {
        repo.commit("main").put("a", "committed").create();

        assertThatThrownBy(() -> repo.engine.writeObject(NAME, MAIN, "a", new ByteArrayInputStream(new byte[5]), 10,
                ObjectWrite.of("text/plain")))
                .isInstanceOf(io.tarn.api.TarnException.class)
                .hasMessageContaining("'a'");
        assertThat(repo.read("main", "a")).isEqualTo("committed");
        assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items()).isEmpty();
    }

    @Test
    void checksumAlgorithmNamesAreCaseInsensitive() {
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);

        Entry written = repo.engine.writeObject(NAME, MAIN, "x", new ByteArrayInputStream(bytes), 1,
                new ObjectWrite("text/plain", Map.of(), Map.of(), Set.of("crc32c")));

        assertThat(written.checksums()).containsOnlyKeys("CRC32C");
    }

    @Test
    void anUnknownChecksumAlgorithmIsAnInvalidArgumentNamingIt() {
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> repo.engine.writeObject(NAME, MAIN, "x", new ByteArrayInputStream(bytes), 1,
                new ObjectWrite("text/plain", Map.of(), Map.of(), Set.of("MD6"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'MD6'");
        assertThat(repo.contents("main")).isEmpty();
    }

    @Test
    void aStagedExistingEntryIsReadWithItsBytes() {
        Entry original = repo.put("main", "original", "shared bytes");

        repo.engine.stageObject(NAME, MAIN, "copy", original);

        assertThat(repo.read("main", "copy")).isEqualTo("shared bytes");
        assertThat(repo.engine.statObject(NAME, "main", "copy")).isEqualTo(original);
    }

    private String read(String ref, String path, long offset, long length) {
        try (ObjectContent content = repo.engine.readObject(NAME, ref, path, offset, length)) {
            return new String(content.stream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> pageOneByOne(String ref, String prefix) {
        List<String> out = new ArrayList<>();
        String after = "";
        for (int i = 0; i < 1000; i++) {
            ObjectListing page = repo.engine.listObjects(NAME, ref, new ListRequest(prefix, "", after, 1));
            out.addAll(paths(page));
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
        throw new AssertionError("listing did not end after 1000 pages: " + out);
    }

    private static List<String> paths(ObjectListing listing) {
        return listing.objects().stream().map(ObjectListing.PathEntry::path).toList();
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
