package io.tarn.blockstore.gcs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A service-account key made up for a test: a fresh RSA key pair written as the JSON key file Google
 * issues, so the plugin can sign URLs with it and the test can check the signatures with the public key.
 */
public record TestServiceAccount(Path file, PublicKey publicKey, String email) {
    /** Writes a new key file into {@code directory}. */
    public static TestServiceAccount create(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // JSON escapes its newlines: the PEM's line breaks are written as \n.
            String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                    + "\\n-----END PRIVATE KEY-----\\n";
            String email = "tarn-test@" + FakeGcsServer.PROJECT + ".iam.gserviceaccount.com";
            String json = "{\n"
                    + "  \"type\": \"service_account\",\n"
                    + "  \"project_id\": \"" + FakeGcsServer.PROJECT + "\",\n"
                    + "  \"private_key_id\": \"0123456789abcdef\",\n"
                    + "  \"private_key\": \"" + pem + "\",\n"
                    + "  \"client_email\": \"" + email + "\",\n"
                    + "  \"client_id\": \"100000000000000000000\",\n"
                    // Never asked for a token: the tests run anonymous and use the key only to sign.
                    + "  \"token_uri\": \"http://127.0.0.1:9/token\"\n"
                    + "}\n";
            Path file = directory.resolve("service-account.json");
            Files.writeString(file, json);
            return new TestServiceAccount(file, pair.getPublic(), email);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
