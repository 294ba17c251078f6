package io.tarn.blockstore.spi;

/**
 * The optional blockstore capabilities, each an interface a {@link BlockStore} implementation may
 * also implement.
 */
public enum Capability {
    MULTIPART_UPLOAD(SupportsMultipartUpload.class, "multipart upload"),
    SERVER_SIDE_COPY(SupportsServerSideCopy.class, "server-side copy"),
    CONDITIONAL_PUT(SupportsConditionalPut.class, "conditional put"),
    PRESIGNED_URLS(SupportsPresignedUrls.class, "presigned URLs");

    private final Class<?> type;
    private final String description;

    Capability(Class<?> type, String description) {
        this.type = type;
        this.description = description;
    }

    /** The interface a blockstore implements to offer this capability. */
    public Class<?> type() {
        return type;
    }

    /** Human words for messages, for example "presigned URLs". */
    public String description() {
        return description;
    }
}
