package io.tarn.blockstore.gcs;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobGetOption;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobSourceOption;
import com.google.cloud.storage.Storage.ComposeRequest;
import io.tarn.blockstore.spi.InvalidPartException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.NoSuchUploadException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * S3-style multipart uploads on GCS, by compose. An upload is a marker object
 * {@code .tarn-multipart/<id>/upload} in the target's bucket (its metadata names the target key);
 * each part is an object {@code .tarn-multipart/<id>/part-NNNNN} uploaded like any put. Completion
 * checks the listed parts against the stored ones, composes them (pinned to the generations just
 * checked) into the target, 32 at a time and in levels when there are more, records S3's ETag
 * {@code md5(part md5s)-N} in the target's metadata (a composed object has no MD5 of its own), then
 * removes the marker, the parts and the intermediate objects. Abort removes them too.
 *
 * <p>Completed objects carry no additional checksums: those of the parts are not combined.
 */
final class GcsMultipartUploads {
    /** Where parts of unfinished uploads live, at the root of each bucket; listings hide it. */
    static final String RESERVED_PREFIX = ".tarn-multipart/";
    /** GCS composes at most this many sources in one request. */
    static final int MAX_COMPOSE_SOURCES = 32;
    private static final String TARGET_KEY = "tarn-target";
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Storage storage;
    private final GcsUploader uploader;

    GcsMultipartUploads(Storage storage, GcsUploader uploader) {
        this.storage = storage;
        this.uploader = uploader;
    }

    String create(Location location, PutOptions options) {
        GcsObjects.blobId(location);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String uploadId = HexFormat.of().formatHex(random);
        BlobInfo marker = BlobInfo.newBuilder(BlobId.of(location.authority(), uploadPrefix(uploadId) + "upload"))
                .setContentType(options.contentType())
                .setMetadata(Map.of(TARGET_KEY, location.path()))
                .build();
        try {
            storage.create(marker, new byte[0], Storage.BlobTargetOption.doesNotExist());
        } catch (RuntimeException e) {
            throw GcsErrors.failed("start a multipart upload to", location, e);
        }
        return uploadId;
    }

    PartInfo uploadPart(Location location, String uploadId, int partNumber, InputStream data, long length) {
        if (partNumber < 1 || partNumber > SupportsMultipartUpload.MAX_PART_NUMBER) {
            throw new IllegalArgumentException("Invalid part number " + partNumber + ": expected 1 to " + SupportsMultipartUpload.MAX_PART_NUMBER);
        }
        marker(location, uploadId);
        Location part = partLocation(location, uploadId, partNumber);
        ObjectStat stored = uploader.upload(part, "application/octet-stream", data, length, Set.of());
        if (markerOrNull(location, uploadId) == null) {
            // Aborted or completed while the part was uploading: the part must not linger.
            deleteQuietly(List.of(GcsObjects.blobId(part)));
            throw new NoSuchUploadException(uploadId, location);
        }
        return new PartInfo(partNumber, stored.etag(), stored.size());
    }

    List<PartInfo> listParts(Location location, String uploadId) {
        marker(location, uploadId);
        List<PartInfo> parts = new ArrayList<>();
        storedParts(location, uploadId).forEach((number, blob) -> parts.add(new PartInfo(number, GcsObjects.stat(blob).etag(), blob.getSize())));
        return parts;
    }

    ObjectStat complete(Location location, String uploadId, List<CompletedPart> parts) {
        Blob marker = marker(location, uploadId);
        if (parts.isEmpty()) {
            throw new InvalidPartException("Cannot complete multipart upload '" + uploadId + "' for '" + location + "': it lists no part", false);
        }
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).partNumber() <= parts.get(i - 1).partNumber()) {
                throw new InvalidPartException("Cannot complete multipart upload '" + uploadId + "' for '" + location + "': part "
                        + parts.get(i).partNumber() + " follows part " + parts.get(i - 1).partNumber() + "; parts must be listed in ascending order, each once", true);
            }
        }
        Map<Integer, Blob> stored = storedParts(location, uploadId);
        List<BlobId> sources = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        for (CompletedPart part : parts) {
            Blob blob = stored.get(part.partNumber());
            String etag = blob == null ? null : GcsObjects.stat(blob).etag();
            if (etag == null || !etag.equalsIgnoreCase(stripQuotes(part.etag()))) {
                throw new InvalidPartException("Cannot complete multipart upload '" + uploadId + "' for '" + location + "': part " + part.partNumber()
                        + (etag == null ? " was not uploaded" : " has ETag '" + etag + "', not '" + part.etag() + "'"), false);
            }
            sources.add(BlobId.of(blob.getBucket(), blob.getName(), blob.getGeneration()));
            etags.add(etag);
        }
        String etag = SupportsMultipartUpload.multipartEtag(etags);
        BlobInfo target = BlobInfo.newBuilder(GcsObjects.blobId(location))
                .setContentType(marker.getContentType() == null ? "application/octet-stream" : marker.getContentType())
                .setMetadata(GcsObjects.metadata(etag, Map.of()))
                .build();
        Blob composed;
        try {
            composed = compose(uploadId, target, sources);
        } catch (RuntimeException e) {
            throw GcsErrors.failed("complete multipart upload '" + uploadId + "' into", location, e);
        }
        discard(location, uploadId, marker);
        return GcsObjects.stat(composed);
    }

    void abort(Location location, String uploadId) {
        discard(location, uploadId, marker(location, uploadId));
    }

    /** Composes the sources into the target, through intermediate objects when there are more than 32. */
    private Blob compose(String uploadId, BlobInfo target, List<BlobId> sources) {
        List<BlobId> level = sources;
        for (int round = 0; level.size() > MAX_COMPOSE_SOURCES; round++) {
            List<BlobId> next = new ArrayList<>();
            for (int from = 0; from < level.size(); from += MAX_COMPOSE_SOURCES) {
                BlobId intermediate = BlobId.of(target.getBucket(), uploadPrefix(uploadId) + "compose-" + round + "-" + next.size());
                Blob blob = storage.compose(request(BlobInfo.newBuilder(intermediate).build(), level.subList(from, Math.min(level.size(), from + MAX_COMPOSE_SOURCES))));
                next.add(BlobId.of(blob.getBucket(), blob.getName(), blob.getGeneration()));
            }
            level = next;
        }
        return storage.compose(request(target, level));
    }

    private static ComposeRequest request(BlobInfo target, List<BlobId> sources) {
        ComposeRequest.Builder request = ComposeRequest.newBuilder().setTarget(target);
        sources.forEach(source -> request.addSource(source.getName(), source.getGeneration()));
        return request.build();
    }

    /** Ends the upload: the marker first (so no one else completes it), then parts and intermediates. */
    private void discard(Location location, String uploadId, Blob marker) {
        try {
            storage.delete(BlobId.of(marker.getBucket(), marker.getName(), marker.getGeneration()), BlobSourceOption.generationMatch());
        } catch (RuntimeException e) {
            if (GcsErrors.httpCode(e) == GcsErrors.NOT_FOUND || GcsErrors.httpCode(e) == GcsErrors.PRECONDITION_FAILED) {
                throw new NoSuchUploadException(uploadId, location);
            }
            throw GcsErrors.failed("end multipart upload '" + uploadId + "' for", location, e);
        }
        List<BlobId> leftovers = new ArrayList<>();
        try {
            for (Blob blob : storage.list(location.authority(), BlobListOption.prefix(uploadPrefix(uploadId)), BlobListOption.fields(Storage.BlobField.NAME)).iterateAll()) {
                leftovers.add(BlobId.of(blob.getBucket(), blob.getName()));
            }
        } catch (RuntimeException e) {
            throw GcsErrors.failed("list the parts of multipart upload '" + uploadId + "' for", location, e);
        }
        deleteQuietly(leftovers);
    }

    private void deleteQuietly(List<BlobId> ids) {
        for (int from = 0; from < ids.size(); from += 100) {
            try {
                storage.delete(ids.subList(from, Math.min(ids.size(), from + 100)));
            } catch (RuntimeException ignored) {
                // Left-over parts only cost storage; they are under the reserved prefix, never listed.
            }
        }
    }

    /** The upload's marker. @throws NoSuchUploadException when the id is malformed or unknown, or the upload targets another key */
    private Blob marker(Location location, String uploadId) {
        Blob marker = markerOrNull(location, uploadId);
        if (marker == null) {
            throw new NoSuchUploadException(uploadId, location);
        }
        return marker;
    }

    private Blob markerOrNull(Location location, String uploadId) {
        GcsObjects.blobId(location);
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            return null;
        }
        Blob marker;
        try {
            marker = storage.get(BlobId.of(location.authority(), uploadPrefix(uploadId) + "upload"),
                    BlobGetOption.fields(Storage.BlobField.METADATA, Storage.BlobField.GENERATION, Storage.BlobField.CONTENT_TYPE, Storage.BlobField.NAME, Storage.BlobField.BUCKET));
        } catch (RuntimeException e) {
            if (GcsErrors.httpCode(e) == GcsErrors.NOT_FOUND) {
                return null;
            }
            throw GcsErrors.failed("find multipart upload '" + uploadId + "' for", location, e);
        }
        if (marker == null || marker.getMetadata() == null || !location.path().equals(marker.getMetadata().get(TARGET_KEY))) {
            return null;
        }
        return marker;
    }

    /** The stored parts by part number. */
    private Map<Integer, Blob> storedParts(Location location, String uploadId) {
        Map<Integer, Blob> parts = new TreeMap<>();
        String prefix = uploadPrefix(uploadId) + "part-";
        try {
            for (Blob blob : storage.list(location.authority(), BlobListOption.prefix(prefix), BlobListOption.fields(GcsObjects.STAT_FIELDS)).iterateAll()) {
                parts.put(Integer.parseInt(blob.getName().substring(prefix.length())), blob);
            }
        } catch (RuntimeException e) {
            throw GcsErrors.failed("list the parts of multipart upload '" + uploadId + "' for", location, e);
        }
        return parts;
    }

    private static Location partLocation(Location location, String uploadId, int partNumber) {
        return GcsObjects.location(location.authority(), uploadPrefix(uploadId) + String.format("part-%05d", partNumber));
    }

    private static String uploadPrefix(String uploadId) {
        return RESERVED_PREFIX + uploadId + "/";
    }

    private static String stripQuotes(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
