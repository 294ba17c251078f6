package io.tarn.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.api.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagingTest {
    private static final List<String> NAMES = List.of("alpha", "beta", "dev-1", "dev-2", "dev-3", "dew", "main");

    /** The engine's contract: names strictly after {@code after}, in order, at most {@code amount}. */
    private static Page<String> engine(String after, int amount) {
        List<String> out = new ArrayList<>();
        for (String n : NAMES) {
            if (Paging.compare(n, after) > 0) {
                if (out.size() == amount) {
                    return new Page<>(out, true, out.get(out.size() - 1));
                }
                out.add(n);
            }
        }
        return Page.last(out);
    }

    @Test
    void a_prefix_keeps_only_its_names_and_pages_through_them() {
        Page<String> first = new Paging("dev-", "", 2).filter(PagingTest::engine, Function.identity());
        assertThat(first.items()).containsExactly("dev-1", "dev-2");
        assertThat(first.hasMore()).isTrue();
        Page<String> second = new Paging("dev-", first.nextAfter(), 2).filter(PagingTest::engine, Function.identity());
        assertThat(second.items()).containsExactly("dev-3");
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void without_a_prefix_every_name_after_the_position_is_listed() {
        assertThat(new Paging("", "dew", 100).filter(PagingTest::engine, Function.identity()).items()).containsExactly("main");
        assertThat(new Paging("", "", 100).filter(PagingTest::engine, Function.identity()).items()).isEqualTo(NAMES);
    }

    @Test
    void a_further_filter_applies_within_the_prefix() {
        Page<String> page = new Paging("", "", 100).filter(PagingTest::engine, Function.identity(), n -> n.contains("e"));
        assertThat(page.items()).containsExactly("beta", "dev-1", "dev-2", "dev-3", "dew");
    }

    @Test
    void names_compare_by_code_point_as_the_engine_orders_them() {
        assertThat(Paging.compare("\uFFFF", "\uD83D\uDE00")).isNegative(); // U+FFFF before U+1F600, unlike String.compareTo
        assertThat(Paging.compare("a", "ab")).isNegative();
        assertThat(Paging.compare("b", "b")).isZero();
    }
}
