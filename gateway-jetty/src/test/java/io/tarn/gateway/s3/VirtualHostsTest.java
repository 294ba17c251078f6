package io.tarn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualHostsTest {
    private final VirtualHosts hosts = new VirtualHosts(List.of("S3.example.com", "example.com", "localhost"));

    @Test
    void aSubdomainOfADomainNamesTheBucket() {
        assertThat(hosts.bucket("my-repo.s3.example.com")).contains("my-repo");
        assertThat(hosts.bucket("my-repo.s3.example.com:8000")).contains("my-repo");
        assertThat(hosts.bucket("My-Repo.S3.Example.COM.")).contains("my-repo");
        assertThat(hosts.bucket("data.backup.localhost:9000")).contains("data.backup");
    }

    @Test
    void theLongestMatchingDomainWins() {
        assertThat(hosts.bucket("b.s3.example.com")).contains("b");
        assertThat(hosts.bucket("b.other.example.com")).contains("b.other");
    }

    @Test
    void theDomainItselfAndOtherHostsArePathStyle() {
        assertThat(hosts.bucket("s3.example.com:8000")).isEmpty();
        assertThat(hosts.bucket("example.com")).isEmpty();
        assertThat(hosts.bucket("127.0.0.1:8000")).isEmpty();
        assertThat(hosts.bucket("[::1]:8000")).isEmpty();
        assertThat(hosts.bucket("notexample.com")).isEmpty();
        assertThat(hosts.bucket(null)).isEmpty();
        assertThat(VirtualHosts.NONE.bucket("b.s3.example.com")).isEmpty();
    }

    @Test
    void aDomainMustBeAHostName() {
        assertThat(VirtualHosts.domainProblem("")).isEqualTo("it is empty");
        assertThat(VirtualHosts.domainProblem("http://s3.example.com")).startsWith("expected a host name");
        assertThat(VirtualHosts.domainProblem("*.example.com")).startsWith("expected a host name");
        assertThat(VirtualHosts.domainProblem("s3.example.com:8000")).startsWith("expected a host name");
        assertThat(VirtualHosts.domainProblem(".example.com")).startsWith("expected a host name");
        assertThatThrownBy(() -> new VirtualHosts(List.of("ok.com", "bad_domain")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid virtual-host domain 'bad_domain': ");
    }
}
