package io.tarn.api;

import java.time.Instant;
import java.util.Objects;

/** An open multipart upload: parts arrive one by one, then a completion stages the assembled object. */
public record MultipartUpload(String uploadId, BranchName branch, String path, Instant initiated) {
    public MultipartUpload {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(initiated, "initiated");
    }
}
