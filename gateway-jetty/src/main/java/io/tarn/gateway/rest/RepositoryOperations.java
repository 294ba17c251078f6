package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.BranchName;
import io.tarn.api.Page;
import io.tarn.api.Repository;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import io.tarn.gateway.access.Permission;
import java.io.IOException;
import java.util.List;

/** Repositories: create, get, list, delete, and their (empty) metadata. */
final class RepositoryOperations {
    private final VersionControl engine;

    RepositoryOperations(VersionControl engine) {
        this.engine = engine;
    }

    void register(Routes routes) {
        routes.add("POST", "/repositories", this::create)
                .add("GET", "/repositories", this::list)
                .add("GET", "/repositories/{repository}", call -> call.replyJson(200, Json.repository(engine.getRepository(call.repository()))))
                .add("DELETE", "/repositories/{repository}", call -> {
                    engine.deleteRepository(call.repository());
                    call.replyEmpty(204);
                })
                .add("GET", "/repositories/{repository}/metadata", call -> {
                    engine.getRepository(call.repository());
                    call.replyJson(200, Json.object());
                });
    }

    private void create(ApiCall call) throws IOException {
        JsonBody body = call.json();
        RepositoryName name = new RepositoryName(body.requiredString("name"));
        call.principal().require(Permission.ADMIN, name.value());
        String namespace = body.requiredString("storage_namespace");
        String branch = body.string("default_branch", "");
        BranchName defaultBranch = new BranchName(branch.isEmpty() ? "main" : branch);
        if (call.flag("bare")) {
            throw ApiError.notImplemented("Cannot create a bare repository: Tarn always creates the initial commit");
        }
        if (body.bool("sample_data")) {
            throw ApiError.notImplemented("Cannot add sample data: Tarn has none to add");
        }
        if (body.bool("read_only")) {
            throw ApiError.notImplemented("Cannot create a read-only repository: Tarn has no read-only repositories");
        }
        if (body.has("storage_id") && !body.string("storage_id", "").isEmpty()) {
            throw ApiError.badRequest("Invalid storage_id '" + body.string("storage_id", "") + "': Tarn chooses the storage by the namespace's scheme");
        }
        Repository created = engine.createRepository(name, namespace, defaultBranch);
        call.replyJson(201, Json.repository(created));
    }

    private void list(ApiCall call) {
        Paging paging = Paging.of(call);
        String search = call.query("search");
        Page<Repository> page = paging.filter(engine::listRepositories, r -> r.name().value(),
                n -> (search == null || n.contains(search)) && call.principal().may(Permission.READ, n));
        List<ObjectNode> results = page.items().stream().map(Json::repository).toList();
        call.replyJson(200, Json.page(results, page.hasMore(), page.nextAfter()));
    }
}
