/**
 * The engine's vocabulary: names and ids as validated value types ({@link io.tarn.api.RepositoryName},
 * {@link io.tarn.api.BranchName}, {@link io.tarn.api.TagName}, {@link io.tarn.api.CommitId}), the
 * data model ({@link io.tarn.api.Entry}, {@link io.tarn.api.Commit}, {@link io.tarn.api.Repository}),
 * diff and merge results, and the exception taxonomy rooted at {@link io.tarn.api.TarnException}.
 * No I/O and no dependency beyond the JDK.
 */
package io.tarn.api;
