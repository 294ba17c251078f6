package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.tarn.api.AlreadyExistsException;
import io.tarn.api.Branch;
import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.DiffRequest;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.NotFoundException;
import io.tarn.api.Page;
import io.tarn.api.ResetScope;
import io.tarn.api.TagName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestRepositoryExtension.class)
class BranchScenarioTest {
    private static final BranchName FEATURE = new BranchName("feature");

    TestRepository repo;

    // Creating

    @Test
    void aBranchCreatedFromABranchStartsAtItsHeadWithItsData() {
        Commit head = repo.commit("main").put("a", "1").put("b", "2").create();

        Branch feature = repo.engine.createBranch(NAME, FEATURE, "main");

        assertThat(feature).isEqualTo(new Branch(FEATURE, head.id()));
        assertThat(repo.engine.getBranch(NAME, FEATURE).head()).isEqualTo(head.id());
        assertThat(repo.contents("feature")).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void aBranchCreatedFromATagStartsAtTheTaggedCommit() {
        Commit tagged = repo.commit("main").put("a", "1").create();
        repo.engine.createTag(NAME, new TagName("v1.0"), "main");
        repo.commit("main").put("a", "2").create();

        Branch feature = repo.engine.createBranch(NAME, FEATURE, "v1.0");

        assertThat(feature.head()).isEqualTo(tagged.id());
        assertThat(repo.contents("feature")).containsExactly(entry("a", "1"));
    }

    @Test
    void aBranchCreatedFromACommitIdStartsAtThatCommit() {
        Commit first = repo.commit("main").put("a", "1").create();
        repo.commit("main").put("a", "2").create();

        assertThat(repo.engine.createBranch(NAME, FEATURE, first.id().value()).head()).isEqualTo(first.id());
        assertThat(repo.engine.createBranch(NAME, new BranchName("short"), first.id().value().substring(0, 10)).head())
                .isEqualTo(first.id());
        assertThat(repo.contents("feature")).containsExactly(entry("a", "1"));
    }

    @Test
    void aBranchCreatedFromAnExpressionStartsAtTheCommitItResolvesTo() {
        Commit first = repo.commit("main").put("a", "1").create();
        Commit second = repo.commit("main").put("a", "2").create();
        repo.commit("main").put("a", "3").create();

        assertThat(repo.engine.createBranch(NAME, FEATURE, "main~2").head()).isEqualTo(first.id());
        assertThat(repo.engine.createBranch(NAME, new BranchName("from-parent"), "main^").head()).isEqualTo(second.id());
        assertThat(repo.engine.createBranch(NAME, new BranchName("from-committed"), "main@~1").head()).isEqualTo(second.id());
        assertThat(repo.contents("feature")).containsExactly(entry("a", "1"));
    }

    @Test
    void aBranchCreatedFromAnUnknownRefIsNotFoundAndNotCreated() {
        assertThatThrownBy(() -> repo.engine.createBranch(NAME, FEATURE, "nowhere"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nowhere'");
        assertThatThrownBy(() -> repo.engine.getBranch(NAME, FEATURE)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aNewBranchSeesTheSourcesCommittedDataButNotItsStagedChanges() {
        repo.commit("main").put("a", "1").put("b", "2").create();
        repo.put("main", "a", "staged");
        repo.delete("main", "b");
        repo.put("main", "c", "new");

        repo.branch("feature", "main");

        assertThat(repo.contents("feature")).containsExactly(entry("a", "1"), entry("b", "2"));
        assertThat(repo.engine.diffUncommitted(NAME, FEATURE, DiffRequest.twoDot(10)).items()).isEmpty();
        assertThat(repo.contents("main")).containsExactly(entry("a", "staged"), entry("c", "new"));
    }

    @Test
    void branchesDoNotSeeEachOthersStagedChanges() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");

        repo.put("feature", "a", "feature");
        repo.put("main", "b", "main");

        assertThat(repo.contents("feature")).containsExactly(entry("a", "feature"));
        assertThat(repo.contents("main")).containsExactly(entry("a", "1"), entry("b", "main"));
    }

    @Test
    void aBranchWithAnExistingBranchsNameIsRefused() {
        repo.branch("feature", "main");
        Commit moved = repo.commit("feature").put("a", "1").create();

        assertThatThrownBy(() -> repo.branch("feature", "main"))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'feature'");
        assertThat(repo.engine.getBranch(NAME, FEATURE).head()).isEqualTo(moved.id());
    }

    @Test
    void aBranchWithATagsNameIsRefused() {
        repo.engine.createTag(NAME, new TagName("release"), "main");

        assertThatThrownBy(() -> repo.branch("release", "main"))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'release'")
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> repo.engine.getBranch(NAME, new BranchName("release"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTagWithABranchsNameIsRefused() {
        repo.branch("release", "main");

        assertThatThrownBy(() -> repo.engine.createTag(NAME, new TagName("release"), "main"))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'release'")
                .hasMessageContaining("branch");
        assertThatThrownBy(() -> repo.engine.getTag(NAME, new TagName("release"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBranchInAnUnknownRepositoryIsNotFound() {
        assertThatThrownBy(() -> repo.engine.createBranch(new io.tarn.api.RepositoryName("no-such-repo"), FEATURE, "main"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'no-such-repo'");
    }

    // Deleting

    @Test
    void theDefaultBranchCannotBeDeleted() {
        assertThatThrownBy(() -> repo.engine.deleteBranch(NAME, MAIN))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'main'")
                .hasMessageContaining("default branch");
        assertThat(repo.engine.getBranch(NAME, MAIN)).isNotNull();
    }

    @Test
    void aDeletedBranchIsNotFoundForReadsAndWrites() {
        repo.branch("feature", "main");
        repo.commit("feature").put("a", "1").create();

        repo.engine.deleteBranch(NAME, FEATURE);

        assertThatThrownBy(() -> repo.engine.getBranch(NAME, FEATURE))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'feature'")
                .satisfies(e -> assertThat(((NotFoundException) e).kind()).isEqualTo(NotFoundException.Kind.BRANCH));
        assertThatThrownBy(() -> repo.engine.statObject(NAME, "feature", "a"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'feature'");
        assertThatThrownBy(() -> repo.put("feature", "b", "2"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'feature'");
        assertThat(repo.engine.listBranches(NAME, "", 10).items()).extracting(b -> b.name().value()).containsExactly("main");
    }

    @Test
    void aBranchRecreatedAfterDeletionDoesNotSeeTheOldBranchsStagedChanges() {
        repo.branch("feature", "main");
        repo.put("feature", "staged", "old");

        repo.engine.deleteBranch(NAME, FEATURE);
        repo.branch("feature", "main");

        assertThat(repo.contents("feature")).isEmpty();
        assertThat(repo.engine.diffUncommitted(NAME, FEATURE, DiffRequest.twoDot(10)).items()).isEmpty();
    }

    @Test
    void deletingABranchLeavesItsCommitsReachableByIdAndOtherBranchesIntact() {
        repo.branch("feature", "main");
        Commit onFeature = repo.commit("feature").put("a", "1").create();

        repo.engine.deleteBranch(NAME, FEATURE);

        assertThat(repo.contents(onFeature.id().value())).containsExactly(entry("a", "1"));
        assertThat(repo.contents("main")).isEmpty();
    }

    @Test
    void deletingAnUnknownBranchIsNotFound() {
        assertThatThrownBy(() -> repo.engine.deleteBranch(NAME, new BranchName("ghost")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'ghost'");
    }

    // Listing

    @Test
    void branchesAreListedInNameOrderPageByPage() {
        for (String name : List.of("b-two", "a-one", "c", "c-three", "d")) {
            repo.branch(name, "main");
        }

        List<String> all = new ArrayList<>();
        List<Boolean> hasMore = new ArrayList<>();
        String after = "";
        while (true) {
            Page<Branch> page = repo.engine.listBranches(NAME, after, 2);
            page.items().forEach(b -> all.add(b.name().value()));
            hasMore.add(page.hasMore());
            if (!page.hasMore()) {
                assertThat(page.nextAfter()).isNull();
                break;
            }
            assertThat(page.items()).hasSize(2);
            assertThat(page.nextAfter()).isEqualTo(page.items().get(1).name().value());
            after = page.nextAfter();
        }

        assertThat(all).containsExactly("a-one", "b-two", "c", "c-three", "d", "main");
        assertThat(hasMore).containsExactly(true, true, false);
    }

    @Test
    void listingBranchesAfterANameStartsStrictlyAfterIt() {
        repo.branch("c", "main");
        repo.branch("c-three", "main");

        assertThat(repo.engine.listBranches(NAME, "c", 10).items()).extracting(b -> b.name().value()).containsExactly("c-three", "main");
        assertThat(repo.engine.listBranches(NAME, "main", 10).items()).isEmpty();
    }

    @Test
    void listedBranchesCarryTheirHeads() {
        Commit head = repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main~1");

        List<Branch> branches = repo.engine.listBranches(NAME, "", 10).items();

        assertThat(branches).containsExactly(new Branch(FEATURE, head.parents().get(0)), new Branch(MAIN, head.id()));
    }

    // Reset

    @Test
    void resetAllDropsEveryStagedChangeAndKeepsCommittedData() {
        repo.commit("main").put("a", "1").put("b", "2").put("dir/c", "3").create();
        repo.put("main", "a", "changed");
        repo.delete("main", "b");
        repo.put("main", "new", "x");
        repo.put("main", "dir/d", "y");

        repo.engine.reset(NAME, MAIN, new ResetScope.All());

        assertThat(repo.contents("main")).containsExactly(entry("a", "1"), entry("b", "2"), entry("dir/c", "3"));
        assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items()).isEmpty();
        assertThatThrownBy(() -> repo.commit("main", "nothing left")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void resetAllLeavesOtherBranchesStagedChanges() {
        repo.branch("feature", "main");
        repo.put("feature", "f", "1");
        repo.put("main", "m", "1");

        repo.engine.reset(NAME, MAIN, new ResetScope.All());

        assertThat(repo.contents("main")).isEmpty();
        assertThat(repo.contents("feature")).containsExactly(entry("f", "1"));
    }

    @Test
    void writesAfterAResetAreStagedAndCommitted() {
        repo.put("main", "dropped", "1");
        repo.engine.reset(NAME, MAIN, new ResetScope.All());

        repo.put("main", "kept", "2");
        repo.commit("main", "after reset");

        assertThat(repo.contents("main@")).containsExactly(entry("kept", "2"));
    }

    @Test
    void resetPathDropsTheStagedChangeOfExactlyThatPath() {
        repo.commit("main").put("a", "1").put("ab", "2").create();
        repo.put("main", "a", "changed");
        repo.put("main", "ab", "changed too");
        repo.put("main", "a/b", "under a");

        repo.engine.reset(NAME, MAIN, new ResetScope.Path("a"));

        assertThat(repo.contents("main")).containsExactly(entry("a", "1"), entry("a/b", "under a"), entry("ab", "changed too"));
    }

    @Test
    void resetPathOfAStagedDeletionBringsTheCommittedObjectBack() {
        repo.commit("main").put("a", "1").put("b", "2").create();
        repo.delete("main", "a");
        repo.delete("main", "b");

        repo.engine.reset(NAME, MAIN, new ResetScope.Path("a"));

        assertThat(repo.contents("main")).containsExactly(entry("a", "1"));
    }

    @Test
    void resetPathOfAnUnstagedPathChangesNothing() {
        repo.commit("main").put("a", "1").create();
        repo.put("main", "b", "2");

        repo.engine.reset(NAME, MAIN, new ResetScope.Path("a"));
        repo.engine.reset(NAME, MAIN, new ResetScope.Path("missing"));

        assertThat(repo.contents("main")).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void resetPrefixDropsTheStagedChangesUnderItAndKeepsCommittedData() {
        repo.commit("main").put("dir/committed", "1").put("dir/deleted", "2").put("other", "3").create();
        repo.put("main", "dir/committed", "changed");
        repo.delete("main", "dir/deleted");
        repo.put("main", "dir/sub/new", "4");
        repo.put("main", "dir", "the file named dir");
        repo.put("main", "dirt", "5");
        repo.put("main", "other", "changed");

        repo.engine.reset(NAME, MAIN, new ResetScope.Prefix("dir/"));

        assertThat(repo.contents("main")).containsExactly(
                entry("dir", "the file named dir"),
                entry("dir/committed", "1"),
                entry("dir/deleted", "2"),
                entry("dirt", "5"),
                entry("other", "changed"));
    }

    @Test
    void resetPrefixIsAStringPrefix() {
        repo.put("main", "dir", "1");
        repo.put("main", "dir/x", "2");
        repo.put("main", "dirt", "3");
        repo.put("main", "di", "4");

        repo.engine.reset(NAME, MAIN, new ResetScope.Prefix("dir"));

        assertThat(repo.contents("main")).containsExactly(entry("di", "4"));
    }

    @Test
    void resetLeavesTheHeadWhereItIs() {
        Commit head = repo.commit("main").put("a", "1").create();
        repo.put("main", "b", "2");

        repo.engine.reset(NAME, MAIN, new ResetScope.All());

        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(head.id());
    }

    @Test
    void resetOfAnUnknownBranchIsNotFound() {
        assertThatThrownBy(() -> repo.engine.reset(NAME, new BranchName("ghost"), new ResetScope.All()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'ghost'");
    }

    @Test
    void resetOfATagIsRefusedAsAReadOnlyRef() {
        repo.engine.createTag(NAME, new TagName("v9"), "main");
        assertThatThrownBy(() -> repo.engine.reset(NAME, new BranchName("v9"), new ResetScope.All()))
                .isInstanceOf(io.tarn.api.ReadOnlyRefException.class)
                .hasMessageContaining("'v9'").hasMessageContaining("tag");
    }
}
