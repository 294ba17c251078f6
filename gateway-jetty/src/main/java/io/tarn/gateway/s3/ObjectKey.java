package io.tarn.gateway.s3;

import io.tarn.api.BranchName;

/**
 * An S3 key split into the ref it starts with and the path after it: {@code main/data/x.csv} is
 * ref {@code main}, path {@code data/x.csv}.
 */
record ObjectKey(String ref, String path) {
    /** S3's longest key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    /**
     * @throws S3Error when the key names no path after its ref; KeyTooLongError past 1,024 bytes
     */
    static ObjectKey parse(String key, boolean forWrite) {
        int bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new S3Error("KeyTooLongError", 400, "Your key is too long: '" + key.substring(0, 64) + "…' takes " + bytes
                    + " bytes in UTF-8, more than " + MAX_KEY_BYTES);
        }
        int slash = key.indexOf('/');
        if (slash < 0 || slash == key.length() - 1) {
            String ref = slash < 0 ? key : key.substring(0, slash);
            String message = "The key '" + key + "' names ref '" + ref + "' but no object path after it; keys are <ref>/<path>";
            throw forWrite ? S3Error.invalidArgument(message) : S3Error.noSuchKey(key, "it names ref '" + ref + "' but no object path");
        }
        return new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /** The ref as a branch to write to. @throws S3Error AccessDenied when it cannot be a branch */
    BranchName branch() {
        if (!BranchName.isValid(ref)) {
            throw new S3Error("AccessDenied", 403, "Cannot write to '" + ref + "': it is a read-only ref (only branches can be written)");
        }
        return new BranchName(ref);
    }

    String key() {
        return ref + "/" + path;
    }
}
