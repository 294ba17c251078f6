package io.tarn.server.cli;

import java.util.Locale;

/** The named refs a repository holds besides commits, as the {@code branch} and {@code tag} commands name them. */
enum RefKind {
    BRANCH("branch", "branches"),
    TAG("tag", "tags");

    /** The word for one, in error messages ("Invalid branch ..."). */
    final String noun;

    /** The API's collection under a repository. */
    final String collection;

    RefKind(String noun, String collection) {
        this.noun = noun;
        this.collection = collection;
    }

    /** The word at the start of a sentence ("Branch '...' deleted."). */
    String title() {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }

    /** The name column's heading in a listing ({@code BRANCH}, {@code TAG}). */
    String heading() {
        return noun.toUpperCase(Locale.ROOT);
    }

    /** {@code lakefs://<repository>/<name>} as a URI. @throws CliException (usage) naming the argument when it is not one */
    TarnUri parse(String raw) {
        return TarnUri.refOnly(raw, noun);
    }

    /** The API path of a repository's collection of this kind. */
    String collectionPath(TarnUri uri) {
        return TarnClient.path("repositories", uri.repository(), collection);
    }

    /** The API path of the one ref {@code uri} names. */
    String path(TarnUri uri) {
        return TarnClient.path("repositories", uri.repository(), collection, uri.ref());
    }
}
