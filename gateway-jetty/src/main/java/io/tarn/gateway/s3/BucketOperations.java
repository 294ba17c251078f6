package io.tarn.gateway.s3;

import io.tarn.api.BranchName;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.ListRequest;
import io.tarn.api.Page;
import io.tarn.api.Repository;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Service- and bucket-level S3 operations: a bucket is a repository. */
final class BucketOperations {
    private static final Set<String> UNSUPPORTED_BUCKET_RESOURCES = Set.of("policy", "cors", "lifecycle", "website", "logging",
            "notification", "replication", "encryption", "object-lock", "ownershipControls", "publicAccessBlock", "requestPayment",
            "accelerate", "analytics", "inventory", "metrics", "intelligent-tiering", "tagging", "versions", "policyStatus");

    private final VersionControl engine;
    private final String storageRoot;

    BucketOperations(VersionControl engine, String storageRoot) {
        this.engine = engine;
        this.storageRoot = storageRoot;
    }

    void dispatch(S3Call call, ListOperations listings, ObjectOperations objects) throws IOException {
        for (String resource : call.query.keySet()) {
            if (UNSUPPORTED_BUCKET_RESOURCES.contains(resource)) {
                throw S3Error.notImplemented("The bucket sub-resource '" + resource + "'");
            }
        }
        switch (call.method()) {
            case "GET" -> {
                if (call.has("location")) {
                    repository(call);
                    call.replyXml(200, new S3Xml().root("LocationConstraint").close("LocationConstraint"));
                } else if (call.has("versioning")) {
                    repository(call);
                    call.replyXml(200, new S3Xml().root("VersioningConfiguration").close("VersioningConfiguration"));
                } else if (call.has("acl")) {
                    repository(call);
                    call.replyXml(200, Acl.ownerFullControl(call.auth.accessKeyId()));
                } else if (call.has("uploads")) {
                    repository(call);
                    objects.multipart().listUploads(call);
                } else {
                    listings.list(call);
                }
            }
            case "HEAD" -> {
                repository(call);
                call.replyEmpty(200);
            }
            case "PUT" -> {
                if (!call.query.isEmpty()) {
                    throw S3Error.notImplemented("PUT on a bucket with " + call.query.keySet());
                }
                create(call);
            }
            case "DELETE" -> {
                if (!call.query.isEmpty()) {
                    throw S3Error.notImplemented("DELETE on a bucket with " + call.query.keySet());
                }
                delete(call);
            }
            case "POST" -> {
                if (call.has("delete")) {
                    objects.deleteObjects(call);
                } else {
                    throw S3Error.notImplemented("POST on a bucket with " + call.query.keySet());
                }
            }
            default -> throw S3Error.notImplemented(call.method() + " on a bucket");
        }
    }

    /**
     * Lists the repositories, and with them other buckets (an upstream's), sorted by name; a
     * repository hides another bucket of the same name.
     *
     * @param others the other buckets' creation dates by name
     */
    /** @param visible which bucket names the caller may see */
    void listBuckets(S3Call call, Map<String, Instant> others, java.util.function.Predicate<String> visible) {
        Map<String, Instant> all = new TreeMap<>(others);
        String after = "";
        while (true) {
            Page<Repository> page = engine.listRepositories(after, ListRequest.MAX_AMOUNT);
            for (Repository r : page.items()) {
                all.put(r.name().value(), r.creationDate());
            }
            if (!page.hasMore()) {
                break;
            }
            after = page.nextAfter();
        }
        all.keySet().removeIf(visible.negate());
        S3Xml xml = new S3Xml().root("ListAllMyBucketsResult");
        Acl.owner(xml, call.auth.accessKeyId());
        xml.open("Buckets");
        all.forEach((name, created) -> xml.open("Bucket").element("Name", name).element("CreationDate", S3Xml.timestamp(created)).close("Bucket"));
        call.replyXml(200, xml.close("Buckets").close("ListAllMyBucketsResult"));
    }

    private void create(S3Call call) {
        RepositoryName name = bucketName(call.bucket);
        engine.createRepository(name, storageRoot + name.value(), new BranchName("main"));
        call.setHeader("Location", "/" + name.value());
        call.replyEmpty(200);
    }

    private void delete(S3Call call) {
        Repository repo = repository(call);
        RepositoryName name = repo.name();
        boolean otherBranches = engine.listBranches(name, "", 2).items().size() > 1;
        boolean objects = !engine.listObjects(name, repo.defaultBranch().value(), ListRequest.all("", 1)).objects().isEmpty();
        if (otherBranches || objects) {
            throw new S3Error("BucketNotEmpty", 409, "The bucket '" + name + "' is not empty: it has "
                    + (objects ? "objects on branch '" + repo.defaultBranch() + "'" : "branches besides '" + repo.defaultBranch() + "'"));
        }
        engine.deleteRepository(name);
        call.replyEmpty(204);
    }

    Repository repository(S3Call call) {
        return engine.getRepository(bucketName(call.bucket));
    }

    static RepositoryName bucketName(String bucket) {
        try {
            return new RepositoryName(bucket);
        } catch (InvalidArgumentException e) {
            throw new S3Error("InvalidBucketName", 400, e.getMessage());
        }
    }
}
