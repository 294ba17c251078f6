package io.tarn.properties.laws;

import io.tarn.properties.EngineUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A law test class: a real engine with tiny ranges in a temporary directory, new for each law; each case gets a repository of its own. */
abstract class EngineLawTest {
    @TempDir
    Path dir;
    EngineUnderTest engine;

    @BeforeEach
    void openEngine() {
        engine = new EngineUnderTest(dir, EngineUnderTest.TINY_RANGES);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }
}
