package io.tarn.blockstore.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.PreconditionFailedException;

/**
 * Turns what the Azure SDK throws into the SPI's exceptions: a missing blob is
 * {@link ObjectNotFoundException}, a lost precondition {@link PreconditionFailedException}, anything
 * else a {@link BlockStoreException} whose message names the backend, account, container, key and cause.
 */
final class AzureErrors {
    private AzureErrors() {
    }

    /** Whether the failure says the blob (or its container) is not there. */
    static boolean isNotFound(Throwable e) {
        return e instanceof BlobStorageException b && b.getStatusCode() == 404;
    }

    /** Whether the failure is a precondition the service refused: 412, or an existing blob under If-None-Match: *. */
    static boolean isPreconditionFailed(Throwable e) {
        return e instanceof BlobStorageException b && (b.getStatusCode() == 412
                || BlobErrorCode.CONDITION_NOT_MET.equals(b.getErrorCode())
                || BlobErrorCode.BLOB_ALREADY_EXISTS.equals(b.getErrorCode()));
    }

    /**
     * The SPI exception for a failed read-like {@code operation} ("read", "stat", ...) on
     * {@code address}: a missing blob or container becomes {@link ObjectNotFoundException}.
     */
    static BlockStoreException translate(String operation, BlobAddress address, RuntimeException e) {
        if (isNotFound(e)) {
            return new ObjectNotFoundException(address.location());
        }
        return translateWrite(operation, address, e);
    }

    /**
     * The SPI exception for a failed write-like {@code operation} on {@code address}: a missing
     * container stays a plain failure that says so.
     */
    static BlockStoreException translateWrite(String operation, BlobAddress address, RuntimeException e) {
        if (e instanceof BlockStoreException already) {
            return already;
        }
        if (isPreconditionFailed(e)) {
            return new PreconditionFailedException("Cannot " + operation + " '" + address.location() + "': its precondition does not hold (" + address.describe() + ")");
        }
        return failure(operation, address, e);
    }

    /** A plain backend failure, never mapped to a more specific exception. */
    static BlockStoreException failure(String operation, BlobAddress address, Throwable e) {
        return new BlockStoreException("Cannot " + operation + " '" + address.location() + "' (" + address.describe() + "): " + cause(e), e);
    }

    /** The service's status and error code, or the innermost exception's message: what went wrong, in one line. */
    static String cause(Throwable e) {
        if (e instanceof BlobStorageException b) {
            String message = b.getServiceMessage() == null ? "" : b.getServiceMessage().lines().findFirst().orElse("");
            return "status " + b.getStatusCode() + " " + b.getErrorCode() + (message.isEmpty() ? "" : ": " + message);
        }
        Throwable root = e;
        StringBuilder chain = new StringBuilder(e.getClass().getSimpleName());
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            chain.append(" <- ").append(root.getClass().getSimpleName());
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        return chain + (message.isEmpty() ? "" : ": " + message);
    }
}
