package io.tarn.graveler.refs;

import io.tarn.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed ref expression: a base name (branch, tag, commit id or id prefix), an optional {@code @}
 * (committed data of a branch only), then any number of ancestry steps, {@code ~N} (N-th
 * first-parent ancestor; {@code ~} alone is {@code ~1}) and {@code ^N} (N-th parent, 1-based;
 * {@code ^} alone is {@code ^1}, {@code ^0} the commit itself), as in Git: {@code main~2},
 * {@code main^2~1}, {@code main@}, {@code 3f2a9c}.
 *
 * <p>Parsing only splits the text; resolving the base against branches, tags and commits is the ref
 * store's job.
 *
 * @param base the name before any modifier; never empty
 * @param committedOnly true for {@code base@}
 * @param steps the ancestry steps in order
 */
public record RefExpression(String base, boolean committedOnly, List<Step> steps) {
    public RefExpression {
        Objects.requireNonNull(base, "base");
        steps = List.copyOf(steps);
    }

    /** One ancestry step. */
    public record Step(Kind kind, int n) {
        /** {@code ~} or {@code ^}. */
        public enum Kind { ANCESTOR, PARENT }
    }

    /** Whether the expression names a ref as is: no {@code @}, no steps. */
    public boolean isPlain() {
        return !committedOnly && steps.isEmpty();
    }

    /**
     * @throws InvalidArgumentException naming the ref when it is empty, has an empty base, a
     *     misplaced {@code @}, or a step number that is not a non-negative integer below 10^6
     */
    public static RefExpression parse(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw new InvalidArgumentException("ref", ref, "it is empty");
        }
        int end = firstModifier(ref);
        String base = ref.substring(0, end);
        if (base.isEmpty()) {
            throw new InvalidArgumentException("ref", ref, "it has no branch, tag or commit before '" + ref.charAt(0) + "'");
        }
        int i = end;
        boolean committedOnly = false;
        if (i < ref.length() && ref.charAt(i) == '@') {
            committedOnly = true;
            i++;
        }
        List<Step> steps = new ArrayList<>();
        while (i < ref.length()) {
            char c = ref.charAt(i);
            Step.Kind kind = switch (c) {
                case '~' -> Step.Kind.ANCESTOR;
                case '^' -> Step.Kind.PARENT;
                case '@' -> throw new InvalidArgumentException("ref", ref, "'@' may appear only once, right after the branch name");
                default -> throw new InvalidArgumentException("ref", ref, "unexpected '" + c + "' at position " + i);
            };
            int digits = i + 1;
            while (digits < ref.length() && Character.isDigit(ref.charAt(digits))) {
                digits++;
            }
            int n = 1;
            if (digits > i + 1) {
                String number = ref.substring(i + 1, digits);
                if (number.length() > 6) {
                    throw new InvalidArgumentException("ref", ref, "the step number " + number + " is too large");
                }
                n = Integer.parseInt(number);
            }
            steps.add(new Step(kind, n));
            i = digits;
        }
        return new RefExpression(base, committedOnly, steps);
    }

    private static int firstModifier(String ref) {
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c == '~' || c == '^' || c == '@') {
                return i;
            }
        }
        return ref.length();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(base);
        if (committedOnly) {
            s.append('@');
        }
        for (Step step : steps) {
            s.append(step.kind() == Step.Kind.ANCESTOR ? '~' : '^').append(step.n());
        }
        return s.toString();
    }
}
