package io.tarn.gateway.s3;

import io.tarn.gateway.access.Permission;
import io.tarn.gateway.access.Principal;

/**
 * The permission an S3 request needs, by the same rule as the REST API: reading a bucket or an
 * object (GET, HEAD) needs read; any other method needs write, and a copy also needs read on its
 * source bucket; creating (PUT) or deleting (DELETE) the bucket itself needs admin. Buckets that
 * the upstream serves are checked by name like repositories. A missing permission is 403
 * AccessDenied naming the user, the bucket and the level needed.
 */
final class S3Access {
    private S3Access() {
    }

    /** @throws io.tarn.gateway.access.AccessDeniedException when the user may not make the request */
    static void check(S3Call call, Principal user) {
        if (call.bucket.isEmpty()) {
            return; // ListBuckets: shows only what the user may read
        }
        user.require(needed(call.method(), !call.key.isEmpty(), call.query.isEmpty()), call.bucket);
        if (!call.key.isEmpty() && call.header("x-amz-copy-source") != null && !call.method().equals("GET")) {
            user.require(Permission.READ, call.copySource().repo().value());
        }
    }

    static Permission needed(String method, boolean onObject, boolean noSubresource) {
        return switch (method) {
            case "GET", "HEAD" -> Permission.READ;
            case "PUT", "DELETE" -> !onObject && noSubresource ? Permission.ADMIN : Permission.WRITE;
            default -> Permission.WRITE;
        };
    }
}
