package io.tarn.blockstore.spi;

/** The multipart upload id is unknown, or the upload was completed or aborted already. */
public class NoSuchUploadException extends BlockStoreException {
    private static final long serialVersionUID = 1L;
    private final String uploadId;

    public NoSuchUploadException(String uploadId, Location location) {
        super("Cannot find multipart upload '" + uploadId + "' for '" + location + "': it does not exist, or was completed or aborted");
        this.uploadId = uploadId;
    }

    public String uploadId() {
        return uploadId;
    }
}
