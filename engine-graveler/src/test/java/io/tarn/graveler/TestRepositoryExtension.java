package io.tarn.graveler;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Gives each test a new {@link TestRepository#create(Path) TestRepository} in a temporary directory of its own, the
 * set-up the scenario tests share:
 *
 * <pre>
 * &#64;ExtendWith(TestRepositoryExtension.class)
 * class MergeScenarioTest {
 *     TestRepository repo;
 * </pre>
 *
 * <p>Before each test it fills the test class's one non-static {@code TestRepository} field. After the test it closes
 * the repository the field holds by then, so that a test which restarts the engine
 * ({@code repo.close(); repo = TestRepository.reopen(repo.dir);}) hands the reopened one back, and then deletes the
 * directory. Classes whose set-up differs (another split policy, a repository per test opened later) build their own.
 */
final class TestRepositoryExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestRepositoryExtension.class);
    private static final String DIR = "dir";

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Field field = repositoryField(context.getRequiredTestClass());
        Path dir = Files.createTempDirectory("tarn-test-repository");
        context.getStore(NAMESPACE).put(DIR, dir);
        field.set(context.getRequiredTestInstance(), TestRepository.create(dir));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Path dir = context.getStore(NAMESPACE).remove(DIR, Path.class);
        if (dir == null) {
            return;
        }
        try {
            Field field = repositoryField(context.getRequiredTestClass());
            TestRepository repo = (TestRepository) field.get(context.getRequiredTestInstance());
            if (repo != null) {
                repo.close();
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static Field repositoryField(Class<?> testClass) {
        List<Field> fields = ReflectionSupport.findFields(testClass,
                f -> f.getType() == TestRepository.class && !Modifier.isStatic(f.getModifiers()),
                HierarchyTraversalMode.TOP_DOWN);
        if (fields.size() != 1) {
            throw new ExtensionConfigurationException("Cannot fill a TestRepository into " + testClass.getName()
                    + ": it must declare exactly one non-static TestRepository field, not " + fields.size());
        }
        Field field = fields.get(0);
        field.setAccessible(true);
        return field;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
