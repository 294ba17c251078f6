package io.tarn.api;

/** A repository, ref, commit, tag, object, upload, user or access key does not exist. Not transient. */
public class NotFoundException extends TarnException {
    private static final long serialVersionUID = 1L;
    private final Kind kind;
    private final String value;

    /** What was looked for. */
    public enum Kind {
        REPOSITORY("repository"), BRANCH("branch"), TAG("tag"), REF("ref"), COMMIT("commit"), OBJECT("object"), UPLOAD("multipart upload"), USER("user"), ACCESS_KEY("access key");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }

        public String noun() {
            return noun;
        }
    }

    public NotFoundException(Kind kind, String value) {
        super("Cannot find " + kind.noun() + " '" + value + "'");
        this.kind = kind;
        this.value = value;
    }

    public NotFoundException(Kind kind, String value, String detail) {
        super("Cannot find " + kind.noun() + " '" + value + "': " + detail);
        this.kind = kind;
        this.value = value;
    }

    public Kind kind() {
        return kind;
    }

    /** The name, id or path that was not found. */
    public String value() {
        return value;
    }
}
