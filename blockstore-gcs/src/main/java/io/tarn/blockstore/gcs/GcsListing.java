package io.tarn.blockstore.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import io.tarn.blockstore.spi.ListPage;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a listing. GCS lists object names in ascending byte order of their UTF-8 form, the
 * order the SPI promises; its {@code startOffset} is inclusive, so the start-after name itself is
 * skipped, and one object more than asked for tells whether the page is truncated. Objects under
 * {@link GcsMultipartUploads#RESERVED_PREFIX} (parts of unfinished uploads) are never listed.
 */
final class GcsListing {
    private static final int MAX_PAGE = 1000;

    private GcsListing() {
    }

    static ListPage page(Storage storage, Location prefix, Location startAfter, int maxKeys) {
        String keyPrefix = GcsObjects.checkedKey(prefix);
        String after = null;
        if (startAfter != null) {
            after = GcsObjects.checkedKey(startAfter);
            if (!startAfter.authority().equals(prefix.authority())) {
                throw new IllegalArgumentException("Invalid start-after '" + startAfter + "': it is not in the bucket of '" + prefix + "'");
            }
        }
        List<BlobListOption> options = new ArrayList<>(List.of(BlobListOption.prefix(keyPrefix),
                BlobListOption.pageSize(Math.min(MAX_PAGE, maxKeys + 2L)), BlobListOption.fields(GcsObjects.STAT_FIELDS)));
        if (after != null && compareUtf8(after, keyPrefix) > 0) {
            options.add(BlobListOption.startOffset(after));
        }
        boolean hideReserved = !keyPrefix.startsWith(GcsMultipartUploads.RESERVED_PREFIX);
        List<ObjectStat> objects = new ArrayList<>();
        try {
            Page<Blob> page = storage.list(prefix.authority(), options.toArray(BlobListOption[]::new));
            for (Blob blob : page.iterateAll()) {
                String name = blob.getName();
                if ((after != null && compareUtf8(name, after) <= 0)
                        || (hideReserved && name.startsWith(GcsMultipartUploads.RESERVED_PREFIX))) {
                    continue;
                }
                if (objects.size() == maxKeys) {
                    return new ListPage(objects, true);
                }
                objects.add(GcsObjects.stat(blob));
            }
        } catch (RuntimeException e) {
            throw GcsErrors.failed("list", prefix, e);
        }
        return new ListPage(objects, false);
    }

    /** Unsigned byte order of the UTF-8 forms, which for valid strings is code point order. */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
