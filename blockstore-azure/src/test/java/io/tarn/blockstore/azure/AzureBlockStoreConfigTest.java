package io.tarn.blockstore.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureBlockStoreConfigTest {
    private static final String KEY = "c2VjcmV0LWtleS1ieXRlcw==";
    private static final String SAS = "sv=2025-01-05&ss=b&srt=sco&sp=rwdlc&se=2030-01-01T00%3A00%3A00Z&sig=c2lnbmF0dXJl";

    private static AzureBlockStoreConfig read(Map<String, String> properties) {
        return AzureBlockStoreConfig.from(new BlockStoreConfig("azure", properties));
    }

    private static Map<String, String> with(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    @DisplayName("account name and key give the public endpoint and the defaults")
    void sharedKeyDefaults() {
        AzureBlockStoreConfig config = read(with("account-name", "tarnprod", "account-key", KEY));

        assertThat(config.accountName()).isEqualTo("tarnprod");
        assertThat(config.accountKey()).isEqualTo(KEY);
        assertThat(config.sasToken()).isNull();
        assertThat(config.endpoint()).isEqualTo(URI.create("https://tarnprod.blob.core.windows.net"));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.canSign()).isTrue();
    }

    @Test
    @DisplayName("endpoint, timeout, max-retries and retry-delay are read")
    void overrides() {
        AzureBlockStoreConfig config = read(with("account-name", "devstoreaccount1", "account-key", KEY, "endpoint", "http://127.0.0.1:10000/devstoreaccount1",
                "timeout", "5s", "max-retries", "0", "retry-delay", "250ms"));

        assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:10000/devstoreaccount1"));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxRetries()).isZero();
        assertThat(config.retryDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    @DisplayName("a SAS token (with or without its leading '?') is a credential that cannot sign URLs")
    void sasToken() {
        AzureBlockStoreConfig config = read(with("account-name", "tarnprod", "sas-token", "?" + SAS));

        assertThat(config.sasToken()).isEqualTo(SAS);
        assertThat(config.accountKey()).isNull();
        assertThat(config.canSign()).isFalse();
    }

    @Test
    @DisplayName("a connection string gives account, key and blob endpoint")
    void connectionString() {
        AzureBlockStoreConfig config = read(with("connection-string",
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + KEY + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"));

        assertThat(config.accountName()).isEqualTo("devstoreaccount1");
        assertThat(config.accountKey()).isEqualTo(KEY);
        assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:10000/devstoreaccount1"));
    }

    @Test
    @DisplayName("a connection string without BlobEndpoint uses its protocol and endpoint suffix")
    void connectionStringSuffix() {
        AzureBlockStoreConfig config = read(with("connection-string", "DefaultEndpointsProtocol=https;AccountName=tarnprod;SharedAccessSignature=" + SAS
                + ";EndpointSuffix=core.chinacloudapi.cn"));

        assertThat(config.endpoint()).isEqualTo(URI.create("https://tarnprod.blob.core.chinacloudapi.cn"));
        assertThat(config.sasToken()).isEqualTo(SAS);
    }

    @Test
    @DisplayName("values can come from TARN_BLOCKSTORE_AZURE_* environment variables")
    void environment() {
        BlockStoreConfig raw = BlockStoreConfig.from("azure", Map.of("blockstore.azure.account-name", "tarnprod"),
                Map.of("TARN_BLOCKSTORE_AZURE_ACCOUNT_KEY", KEY, "TARN_BLOCKSTORE_AZURE_MAX_RETRIES", "7"));

        AzureBlockStoreConfig config = AzureBlockStoreConfig.from(raw);

        assertThat(config.accountKey()).isEqualTo(KEY);
        assertThat(config.maxRetries()).isEqualTo(7);
    }

    @Test
    @DisplayName("toString never shows the key or the SAS token")
    void secretsMasked() {
        assertThat(read(with("account-name", "tarnprod", "account-key", KEY)).toString()).contains("tarnprod").doesNotContain(KEY);
        assertThat(read(with("account-name", "tarnprod", "sas-token", SAS)).toString()).doesNotContain("sig=").doesNotContain("c2lnbmF0dXJl");
    }

    @Test
    @DisplayName("a missing account name names the property")
    void missingAccount() {
        assertThatThrownBy(() -> read(with("account-key", KEY)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("blockstore.azure.account-name")
                .hasMessageContaining("TARN_BLOCKSTORE_AZURE_ACCOUNT_NAME");
    }

    @Test
    @DisplayName("no credential at all names the three ways to give one")
    void missingCredential() {
        assertThatThrownBy(() -> read(with("account-name", "tarnprod")))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("blockstore.azure.account-key")
                .hasMessageContaining("blockstore.azure.sas-token")
                .hasMessageContaining("blockstore.azure.connection-string");
    }

    @Test
    @DisplayName("a key and a SAS token together are refused")
    void twoCredentials() {
        assertThatThrownBy(() -> read(with("account-name", "tarnprod", "account-key", KEY, "sas-token", SAS)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("keep one");
    }

    @ParameterizedTest(name = "{0} = ''{1}'' is refused naming the property")
    @CsvSource(delimiter = '|', value = {
        "account-name | Tarn_Prod",
        "account-name | ab",
        "account-key | not base64!",
        "sas-token | sv=2025-01-05&sp=r",
        "endpoint | ftp://example",
        "endpoint | http://",
        "endpoint | http://host/path?query=1",
        "timeout | soon",
        "timeout | 0s",
        "max-retries | many",
        "max-retries | -1",
        "retry-delay | 10x",
        "connection-string | AccountName",
    })
    void malformed(String property, String value) {
        Map<String, String> properties = with("account-name", "tarnprod", "account-key", KEY);
        if (property.equals("sas-token")) {
            properties.remove("account-key");
        }
        if (property.equals("connection-string")) {
            properties.clear();
        }
        properties.put(property, value);

        assertThatThrownBy(() -> read(properties))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid")
                .hasMessageContaining("blockstore.azure." + property);
    }

    @Test
    @DisplayName("a malformed key or SAS token is refused without showing it")
    void malformedSecretsNotShown() {
        assertThatThrownBy(() -> read(with("account-name", "tarnprod", "account-key", "secret!value")))
                .hasMessageNotContaining("secret!value");
        assertThatThrownBy(() -> read(with("account-name", "tarnprod", "sas-token", "sp=r&secretvalue")))
                .hasMessageNotContaining("secretvalue");
        assertThatThrownBy(() -> read(with("connection-string", "AccountKey")))
                .hasMessageNotContaining("AccountKey");
    }
}
