package io.tarn.gateway.s3.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UpstreamConfigTest {
    private static UpstreamConfig config(String endpoint) {
        return new UpstreamConfig(URI.create(endpoint), "us-east-1", "KEY", "SECRET");
    }

    @Test
    void theHostHeaderHasThePortUnlessItIsTheSchemes() {
        assertThat(config("http://127.0.0.1:9000").hostHeader()).isEqualTo("127.0.0.1:9000");
        assertThat(config("https://s3.eu-west-1.amazonaws.com").hostHeader()).isEqualTo("s3.eu-west-1.amazonaws.com");
        assertThat(config("https://minio:443/").hostHeader()).isEqualTo("minio");
        assertThat(config("http://[::1]:9000").hostHeader()).isEqualTo("[::1]:9000");
        assertThat(config("http://minio:9000/").base()).isEqualTo("http://minio:9000");
    }

    @Test
    void endpointsThatCannotServeAreRefusedSayingWhy() {
        assertThat(UpstreamConfig.endpointProblem(URI.create("ftp://host"))).isEqualTo("expected an http:// or https:// URL");
        assertThat(UpstreamConfig.endpointProblem(URI.create("s3.amazonaws.com"))).isEqualTo("expected an http:// or https:// URL");
        assertThat(UpstreamConfig.endpointProblem(URI.create("http://host/bucket"))).startsWith("a path is not allowed");
        assertThat(UpstreamConfig.endpointProblem(URI.create("http://user:pw@host"))).startsWith("user info is not allowed");
        assertThat(UpstreamConfig.endpointProblem(URI.create("http://host?x=1"))).isEqualTo("a query or fragment is not allowed");
        assertThatThrownBy(() -> config("ftp://host")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid upstream endpoint 'ftp://host': expected an http:// or https:// URL");
        assertThatThrownBy(() -> new UpstreamConfig(URI.create("http://h"), "US East", "KEY", "SECRET"))
                .hasMessageStartingWith("Invalid upstream region 'US East'");
    }

    @Test
    void theSecretIsNeverShown() {
        assertThat(config("http://h").toString()).contains("KEY").doesNotContain("SECRET");
    }
}
