package io.tarn.api;

/** A write was aimed at a tag, a commit or another ref that is not a branch. Not transient. */
public class ReadOnlyRefException extends TarnException {
    private static final long serialVersionUID = 1L;
    private final String ref;

    public ReadOnlyRefException(String ref, String kind) {
        super("Cannot write to '" + ref + "': it is a " + kind + ", and only branches can be written");
        this.ref = ref;
    }

    public String ref() {
        return ref;
    }
}
