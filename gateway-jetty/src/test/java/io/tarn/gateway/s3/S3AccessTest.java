package io.tarn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.gateway.access.Permission;
import org.junit.jupiter.api.Test;

/** The permission each kind of S3 request needs. */
class S3AccessTest {
    @Test
    void reads_need_read() {
        assertThat(S3Access.needed("GET", true, true)).isEqualTo(Permission.READ);
        assertThat(S3Access.needed("HEAD", false, true)).isEqualTo(Permission.READ);
        assertThat(S3Access.needed("GET", false, false)).isEqualTo(Permission.READ); // ?uploads, ?location
    }

    @Test
    void object_changes_need_write() {
        assertThat(S3Access.needed("PUT", true, true)).isEqualTo(Permission.WRITE);
        assertThat(S3Access.needed("DELETE", true, true)).isEqualTo(Permission.WRITE);
        assertThat(S3Access.needed("POST", true, false)).isEqualTo(Permission.WRITE); // multipart
        assertThat(S3Access.needed("POST", false, false)).isEqualTo(Permission.WRITE); // DeleteObjects
    }

    @Test
    void creating_or_deleting_the_bucket_itself_needs_admin() {
        assertThat(S3Access.needed("PUT", false, true)).isEqualTo(Permission.ADMIN);
        assertThat(S3Access.needed("DELETE", false, true)).isEqualTo(Permission.ADMIN);
        assertThat(S3Access.needed("PUT", false, false)).isEqualTo(Permission.WRITE); // a sub-resource
    }
}
