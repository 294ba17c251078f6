package io.tarn.blockstore.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** What the fixture does when the emulator is missing: skip on a workstation, fail under CI. */
class FakeGcsServerTest {
    @Test
    @DisplayName("a missing emulator skips the tests, saying how to install it, when CI is not set")
    void missingSkipsOutsideCi() {
        assertThatThrownBy(() -> FakeGcsServer.requireBinary(Optional.empty(), null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("go install github.com/fsouza/fake-gcs-server@" + FakeGcsServer.VERSION);
    }

    @Test
    @DisplayName("a missing emulator fails the tests under CI=true")
    void missingFailsUnderCi() {
        assertThatThrownBy(() -> FakeGcsServer.requireBinary(Optional.empty(), "true"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("CI=true but fake-gcs-server is not installed");
    }

    @Test
    @DisplayName("a binary that is there is used")
    void presentIsUsed() {
        assertThat(FakeGcsServer.requireBinary(Optional.of(Path.of("/opt/fake-gcs-server")), "true")).isEqualTo(Path.of("/opt/fake-gcs-server"));
    }
}
