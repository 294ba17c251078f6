package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What the lakeFS SDKs and tools ask of a server before anything else: health, setup state, the
 * server's configuration and version, the current user; and Tarn's OpenAPI document.
 */
final class ServerOperations {
    static final String OPENAPI_RESOURCE = "openapi.json";

    private final ServerDescription server;
    private final byte[] openApi;

    ServerOperations(ServerDescription server) {
        this.server = server;
        this.openApi = openApiDocument();
    }

    void register(Routes routes) {
        routes.addPublic("GET", "/healthcheck", call -> call.replyEmpty(204))
                .addPublic("GET", "/setup_lakefs", call -> call.replyJson(200, Json.object().put("state", "initialized")
                        .put("comm_prefs_missing", false)))
                .addPublic("POST", "/setup_lakefs", call -> {
                    throw new ApiError(409, "lakeFS already initialized: Tarn creates its admin access key on first start and prints it then");
                })
                .addPublic("GET", "/openapi.json", this::openApi)
                .add("GET", "/config", call -> {
                    ObjectNode config = Json.object();
                    config.set("version_config", versionConfig());
                    config.set("storage_config", storageConfig());
                    call.replyJson(200, config);
                })
                .add("GET", "/config/version", call -> call.replyJson(200, versionConfig()))
                .add("GET", "/config/storage", call -> call.replyJson(200, storageConfig()))
                .add("GET", "/user", call -> {
                    ObjectNode user = Json.object();
                    user.putObject("user").put("id", call.user()).put("creation_date", Json.seconds(call.principal().created()));
                    call.replyJson(200, user);
                });
    }

    private void openApi(ApiCall call) {
        call.replyJson(200, openApi);
    }

    private ObjectNode versionConfig() {
        return Json.object().put("version", server.version()).put("upgrade_recommended", false);
    }

    /** Presigned URLs are not offered (clients send object bytes through the API); imports are, from any configured backend. */
    private ObjectNode storageConfig() {
        String prefixRegex = "^" + server.namespacePrefix().replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0");
        return Json.object()
                .put("blockstore_type", server.blockstoreType())
                .put("blockstore_namespace_example", server.namespacePrefix() + "my-repository")
                .put("blockstore_namespace_ValidityRegex", prefixRegex)
                .put("default_namespace_prefix", server.namespacePrefix())
                .put("pre_sign_support", false)
                .put("pre_sign_support_ui", false)
                .put("import_support", true)
                .put("import_validity_regex", "^[a-z][a-z0-9+.-]*://")
                .put("pre_sign_multipart_upload", false);
    }

    private static byte[] openApiDocument() {
        try (InputStream in = ServerOperations.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find the OpenAPI document " + OPENAPI_RESOURCE + " next to " + ServerOperations.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document " + OPENAPI_RESOURCE, e);
        }
    }
}
