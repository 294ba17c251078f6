package io.tarn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {
    @Test
    void pageAmountsOutsideOneToTenThousandAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> ListRequest.all("", 0)).hasMessage("Invalid amount '0': expected 1 to 10000");
        assertThatThrownBy(() -> LogRequest.latest(10_001)).hasMessage("Invalid amount '10001': expected 1 to 10000");
        assertThatThrownBy(() -> DiffRequest.twoDot(-5)).isInstanceOf(InvalidArgumentException.class);
        assertThat(ListRequest.all("data/", 10_000).amount()).isEqualTo(10_000);
    }

    @Test
    void aPageWithMoreItemsMustSayWhereToContinue() {
        assertThatThrownBy(() -> new Page<>(List.of("a"), true, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Page.last(List.of("a", "b")).hasMore()).isFalse();
        assertThat(new Page<>(List.of("a"), true, "a").nextAfter()).isEqualTo("a");
    }

    @Test
    void mergeRequestDefaultsFailOnConflictAndFastForward() {
        MergeRequest request = MergeRequest.by("alice");
        assertThat(request.strategy()).isEqualTo(MergeStrategy.NONE);
        assertThat(request.forceMergeCommit()).isFalse();
        assertThat(request.squash()).isFalse();
        assertThat(request.withStrategy(MergeStrategy.SOURCE_WINS).strategy()).isEqualTo(MergeStrategy.SOURCE_WINS);
    }

    @Test
    void requestsCopyTheirMaps() {
        Map<String, String> metadata = new java.util.HashMap<>(Map.of("k", "v"));
        CommitRequest request = new CommitRequest("m", "c", metadata, false);
        metadata.put("k2", "v2");
        assertThat(request.metadata()).containsOnlyKeys("k");
    }

    @Test
    void exceptionMessagesNameWhatWasWrong() {
        assertThat(new NotFoundException(NotFoundException.Kind.BRANCH, "feature")).hasMessage("Cannot find branch 'feature'");
        assertThat(new ReadOnlyRefException("v1.0", "tag")).hasMessage("Cannot write to 'v1.0': it is a tag, and only branches can be written");
        assertThat(new DirtyBranchException("main", "merge 'feature' into 'main'"))
                .hasMessage("Cannot merge 'feature' into 'main': branch 'main' has uncommitted changes; commit or reset them first");
        assertThat(new AlreadyExistsException("branch", "dev")).hasMessage("Cannot create branch 'dev': it already exists");
    }
}
