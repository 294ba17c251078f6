package io.tarn.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTPS key for local use: when HTTPS is on and no keystore is configured, a self-signed
 * certificate for {@code localhost} and {@code 127.0.0.1} is made on first start with the JDK's
 * {@code keytool}, kept in {@code <data>/tls/}, and its PEM written next to it so that clients can
 * trust it ({@code boto3.client(..., verify="<data>/tls/ca.pem")}, {@code aws --ca-bundle}).
 *
 * @param keystore PKCS#12 keystore with the key and certificate
 * @param password its password
 * @param caFile the certificate in PEM, for clients; {@code null} for a configured keystore
 */
record SelfSignedTls(Path keystore, String password, Path caFile) {
    private static final String ALIAS = "tarn";

    /** The keystore to serve HTTPS with: the configured one, or the generated one (made if missing). */
    static SelfSignedTls forConfig(TarnConfig config) {
        if (config.tlsKeystore() != null) {
            return new SelfSignedTls(config.tlsKeystore(), config.tlsKeystorePassword(), null);
        }
        Path dir = config.dataDir().resolve("tls");
        Path keystore = dir.resolve("self-signed.p12");
        Path passwordFile = dir.resolve("self-signed.password");
        Path pem = dir.resolve("ca.pem");
        try {
            if (!Files.exists(keystore) || !Files.exists(passwordFile) || !Files.exists(pem)) {
                Files.createDirectories(dir);
                byte[] secret = new byte[18];
                new SecureRandom().nextBytes(secret);
                String password = HexFormat.of().formatHex(secret);
                Files.deleteIfExists(keystore);
                keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                        "-dname", "CN=localhost, O=Tarn (self-signed for local use)", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:0:0:0:0:0:0:0:1",
                        "-ext", "BC:c=ca:true", "-validity", "3650", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                        "-storepass", password, "-keypass", password));
                keytool(List.of("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(), "-storepass", password,
                        "-file", pem.toString()));
                Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            }
            return new SelfSignedTls(keystore, Files.readString(passwordFile, StandardCharsets.UTF_8).trim(), pem);
        } catch (IOException e) {
            throw new ConfigException("Cannot create the self-signed HTTPS certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(List<String> args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(keytool.toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
