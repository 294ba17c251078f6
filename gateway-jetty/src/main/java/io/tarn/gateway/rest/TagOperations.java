package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.NotFoundException;
import io.tarn.api.Page;
import io.tarn.api.RepositoryName;
import io.tarn.api.Tag;
import io.tarn.api.TagName;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.util.List;

/** Tags: create, get, list, delete. */
final class TagOperations {
    private final VersionControl engine;

    TagOperations(VersionControl engine) {
        this.engine = engine;
    }

    void register(Routes routes) {
        routes.add("POST", "/repositories/{repository}/tags", this::create)
                .add("GET", "/repositories/{repository}/tags", this::list)
                .add("GET", "/repositories/{repository}/tags/{tag}", call -> {
                    Tag tag = engine.getTag(call.repository(), new TagName(call.path("tag")));
                    call.replyJson(200, Json.ref(tag.name().value(), tag.commit()));
                })
                .add("DELETE", "/repositories/{repository}/tags/{tag}", call -> {
                    engine.deleteTag(call.repository(), new TagName(call.path("tag")));
                    call.replyEmpty(204);
                });
    }

    /** With {@code force}, an existing tag of that name is moved (deleted, then created again). */
    private void create(ApiCall call) throws IOException {
        JsonBody body = call.json();
        RepositoryName repository = call.repository();
        TagName name = new TagName(body.requiredString("id"));
        String ref = body.requiredString("ref");
        if (body.bool("force")) {
            engine.resolve(repository, ref); // an unknown ref must not cost the old tag
            try {
                engine.deleteTag(repository, name);
            } catch (NotFoundException absent) {
                // nothing to move
            }
        }
        Tag tag = engine.createTag(repository, name, ref);
        call.replyJson(201, Json.ref(tag.name().value(), tag.commit()));
    }

    private void list(ApiCall call) {
        RepositoryName repository = call.repository();
        Page<Tag> page = Paging.of(call).filter((after, amount) -> engine.listTags(repository, after, amount), t -> t.name().value());
        List<ObjectNode> results = page.items().stream().map(t -> Json.ref(t.name().value(), t.commit())).toList();
        call.replyJson(200, Json.page(results, page.hasMore(), page.nextAfter()));
    }
}
