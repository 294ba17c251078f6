package io.tarn.graveler.refs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.InvalidArgumentException;
import io.tarn.graveler.refs.RefExpression.Step;
import io.tarn.graveler.refs.RefExpression.Step.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefExpressionTest {
    @Test
    void plainNamesHaveNoModifiers() {
        RefExpression ref = RefExpression.parse("main");
        assertThat(ref.base()).isEqualTo("main");
        assertThat(ref.isPlain()).isTrue();
        assertThat(RefExpression.parse("v1.0").base()).isEqualTo("v1.0");
        assertThat(RefExpression.parse("3f2a9c").isPlain()).isTrue();
    }

    @Test
    void atMeansCommittedDataOnly() {
        RefExpression ref = RefExpression.parse("main@");
        assertThat(ref.base()).isEqualTo("main");
        assertThat(ref.committedOnly()).isTrue();
        assertThat(ref.steps()).isEmpty();
    }

    @Test
    void tildeAndCaretStepsAreParsedInOrderWithDefaultOne() {
        RefExpression ref = RefExpression.parse("main^2~3^~");
        assertThat(ref.base()).isEqualTo("main");
        assertThat(ref.steps()).containsExactly(
                new Step(Kind.PARENT, 2), new Step(Kind.ANCESTOR, 3), new Step(Kind.PARENT, 1), new Step(Kind.ANCESTOR, 1));
        assertThat(ref).hasToString("main^2~3^1~1");
    }

    @Test
    void caretZeroIsTheCommitItself() {
        assertThat(RefExpression.parse("main^0").steps()).isEqualTo(List.of(new Step(Kind.PARENT, 0)));
    }

    @Test
    void atThenStepsIsAllowed() {
        RefExpression ref = RefExpression.parse("main@~2");
        assertThat(ref.committedOnly()).isTrue();
        assertThat(ref.steps()).containsExactly(new Step(Kind.ANCESTOR, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "~1", "^", "@", "main@@", "main~1@", "main~x", "main~1234567"})
    void malformedExpressionsAreRefusedNamingTheRef(String text) {
        assertThatThrownBy(() -> RefExpression.parse(text))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid ref '" + text + "'");
    }
}
