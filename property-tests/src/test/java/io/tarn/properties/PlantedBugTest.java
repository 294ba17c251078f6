package io.tarn.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.api.MergeConflict;
import io.tarn.api.MergeConflictException;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeStrategy;
import io.tarn.api.ObjectListing;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite finds bugs: the stateful property, run against an engine broken on purpose, fails and
 * shrinks the failure to a handful of actions, with the seed that replays it.
 */
class PlantedBugTest {
    /** Fixed, so that the test is deterministic; any seed finds these bugs within the tries. */
    static final long SEED = 20261204L;
    static final int TRIES = 100;

    @TempDir
    Path dir;

    @Test
    void aMergeThatLetsADeletionWinOverAModificationIsCaughtAndShrunk() {
        PropertyRunner.Counterexample<List<Action>> found = search(PlantedBugTest::deletionWinsOverModification);
        String report = report(found);

        assertThat(found).as("the planted bug is found within %d tries", TRIES).isNotNull();
        assertThat(found.shrunk()).as(report).hasSizeLessThanOrEqualTo(10);
        assertThat(found.shrunk().get(found.shrunk().size() - 1)).as(report).isInstanceOf(Action.Merge.class);
        assertThat(found.failure()).as(report).hasMessageContaining("the model refuses it: CONFLICT");
    }

    @Test
    void aListingThatDropsAKeyOnARangeBoundaryIsCaughtAndShrunk() {
        PropertyRunner.Counterexample<List<Action>> found = search(PlantedBugTest::dropsBoundaryKeys);
        String report = report(found);

        assertThat(found).as("the planted bug is found within %d tries", TRIES).isNotNull();
        assertThat(found.shrunk()).as(report).hasSizeLessThanOrEqualTo(10);
        assertThat(found.failure()).as(report).hasMessageContaining("listing of");
    }

    private String lastReport = "";

    private String report(Object found) {
        assertThat(found).as("the planted bug is found within %d tries", TRIES).isNotNull();
        return lastReport;
    }

    private PropertyRunner.Counterexample<List<Action>> search(UnaryOperator<VersionControl> bug) {
        try (EngineUnderTest engine = new EngineUnderTest(dir, EngineUnderTest.TINY_RANGES, bug)) {
            PropertyRunner<List<Action>> runner = StatefulProperty.runner("planted bug", engine, StatefulModelTest.LENGTH);
            PropertyRunner.Counterexample<List<Action>> found = runner.search(SEED, TRIES);
            if (found != null) {
                assertThat(runner.report(found)).contains("-Dtarn.seed=" + found.seed()).contains("1. ");
                lastReport = runner.report(found);
                org.slf4j.LoggerFactory.getLogger(PlantedBugTest.class).warn("{}", lastReport);
            }
            return found;
        }
    }

    /** A merge that resolves "deleted on the source, modified on the destination" by deleting, instead of reporting it. */
    static VersionControl deletionWinsOverModification(VersionControl engine) {
        return intercept(engine, (method, args) -> {
            if (!method.equals("merge")) {
                return null;
            }
            MergeRequest request = (MergeRequest) args[3];
            try {
                return engine.merge((RepositoryName) args[0], (String) args[1], (io.tarn.api.BranchName) args[2], request);
            } catch (MergeConflictException e) {
                boolean allDeleteVersusModify = e.conflicts().stream()
                        .allMatch((MergeConflict c) -> c.base() != null && c.source() == null && c.destination() != null);
                if (!allDeleteVersusModify) {
                    throw e;
                }
                return engine.merge((RepositoryName) args[0], (String) args[1], (io.tarn.api.BranchName) args[2],
                        request.withStrategy(MergeStrategy.SOURCE_WINS));
            }
        });
    }

    /** Listings that leave out every key that ends a range (with tiny ranges). */
    static VersionControl dropsBoundaryKeys(VersionControl engine) {
        return intercept(engine, (method, args) -> {
            if (!method.equals("listObjects")) {
                return null;
            }
            ObjectListing listing = engine.listObjects((RepositoryName) args[0], (String) args[1], (io.tarn.api.ListRequest) args[2]);
            return new ObjectListing(listing.objects().stream()
                    .filter(o -> !EngineUnderTest.TINY_RANGES.isBoundary(o.path().getBytes(StandardCharsets.UTF_8))).toList(),
                    listing.commonPrefixes(), listing.hasMore(), listing.nextAfter());
        });
    }

    /** What a broken method does instead: a result, or {@code null} to let the engine answer. */
    interface Override {
        Object call(String method, Object[] args);
    }

    static VersionControl intercept(VersionControl engine, Override override) {
        return (VersionControl) Proxy.newProxyInstance(VersionControl.class.getClassLoader(), new Class<?>[] {VersionControl.class},
                (proxy, method, args) -> {
                    Object replaced = override.call(method.getName(), args);
                    if (replaced != null) {
                        return replaced;
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
