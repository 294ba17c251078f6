package io.tarn.blockstore.gcs;

import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.StorageException;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.PreconditionFailedException;

/** Turns the client's failures into the SPI's exceptions, each naming the backend, bucket and key. */
final class GcsErrors {
    static final int NOT_FOUND = 404;
    static final int PRECONDITION_FAILED = 412;

    private GcsErrors() {
    }

    /**
     * The SPI exception for a failed operation: 404 is {@link ObjectNotFoundException}, 412
     * {@link PreconditionFailedException}, anything else a {@link BlockStoreException} whose message
     * says what was tried, where, and why.
     */
    static BlockStoreException translate(String operation, Location location, Throwable failure) {
        int code = httpCode(failure);
        if (code == NOT_FOUND) {
            return new ObjectNotFoundException(location);
        }
        if (code == PRECONDITION_FAILED) {
            return new PreconditionFailedException("Cannot " + operation + " '" + location + "': its precondition failed at gcs (the object "
                    + "exists when it must not, or changed since it was read); nothing was written");
        }
        return failed(operation, location, failure);
    }

    /** A plain backend failure, whatever its code. */
    static BlockStoreException failed(String operation, Location location, Throwable failure) {
        return new BlockStoreException("Cannot " + operation + " '" + location + "' on gcs (bucket '" + location.authority() + "', key '"
                + location.path() + "'): " + describe(failure), failure);
    }

    /** The HTTP status of the first {@link BaseServiceException} in the cause chain, or 0. */
    static int httpCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BaseServiceException service) {
                return service.getCode();
            }
        }
        return 0;
    }

    /** The status and message of the failure, or of its root cause when it has none of its own. */
    static String describe(Throwable failure) {
        int code = httpCode(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        if (root != failure && (failure instanceof StorageException || failure.getMessage() == null || !message.contains(String.valueOf(root.getMessage())))) {
            message = message + " (" + root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "") + ")";
        }
        return code > 0 ? "HTTP " + code + " " + message : message;
    }
}
