package io.tarn.server.cli;

/**
 * A {@code lakefs://repository/ref/path} URI, as lakectl writes them ({@code tarn://} is accepted
 * too). The ref and the path are optional; which parts a command needs it says through
 * {@link #repositoryOnly}, {@link #refOnly} and {@link #withRef}.
 *
 * @param repository the repository name, never empty
 * @param ref a branch, tag, commit id or ref expression, or empty
 * @param path an object path or prefix (may end with '/'), or empty
 */
record TarnUri(String raw, String repository, String ref, String path) {
    private static final String[] SCHEMES = {"lakefs://", "tarn://"};

    /** @throws CliException a usage error naming the value when it is not such a URI */
    static TarnUri parse(String raw) {
        String rest = null;
        for (String scheme : SCHEMES) {
            if (raw.regionMatches(true, 0, scheme, 0, scheme.length())) {
                rest = raw.substring(scheme.length());
            }
        }
        if (rest == null || rest.isEmpty() || rest.startsWith("/")) {
            throw invalid(raw, "expected lakefs://<repository>[/<ref>[/<path>]]");
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new TarnUri(raw, rest, "", "");
        }
        String repository = rest.substring(0, slash);
        String afterRepository = rest.substring(slash + 1);
        int refEnd = afterRepository.indexOf('/');
        if (refEnd < 0) {
            return new TarnUri(raw, repository, afterRepository, "");
        }
        String ref = afterRepository.substring(0, refEnd);
        if (ref.isEmpty()) {
            throw invalid(raw, "the ref between the repository and the path is empty");
        }
        return new TarnUri(raw, repository, ref, afterRepository.substring(refEnd + 1));
    }

    /** A URI that names a repository and nothing more, e.g. {@code lakefs://my-repo}. */
    static TarnUri repositoryOnly(String raw) {
        TarnUri uri = parse(raw);
        if (!uri.ref.isEmpty() || !uri.path.isEmpty()) {
            throw invalid(raw, "expected a repository, lakefs://<repository>");
        }
        return uri;
    }

    /** A URI that names a ref (a branch, tag or commit) and no path, e.g. {@code lakefs://my-repo/main}. */
    static TarnUri refOnly(String raw, String what) {
        TarnUri uri = parse(raw);
        if (uri.ref.isEmpty() || !uri.path.isEmpty()) {
            throw invalid(raw, "expected a " + what + ", lakefs://<repository>/<" + what + ">");
        }
        return uri;
    }

    /** A URI with a ref and perhaps a path, e.g. {@code lakefs://my-repo/main/data/}. */
    static TarnUri withRef(String raw) {
        TarnUri uri = parse(raw);
        if (uri.ref.isEmpty()) {
            throw invalid(raw, "expected lakefs://<repository>/<ref>/<path>");
        }
        return uri;
    }

    /** A URI that names one object, e.g. {@code lakefs://my-repo/main/data/a.csv}. */
    static TarnUri object(String raw) {
        TarnUri uri = withRef(raw);
        if (uri.path.isEmpty() || uri.path.endsWith("/")) {
            throw invalid(raw, "expected an object, lakefs://<repository>/<ref>/<path> with a path not ending in '/'");
        }
        return uri;
    }

    /** Another URI (a commit to revert, a source branch) must name the same repository. */
    void requireSameRepository(TarnUri other) {
        if (!repository.equals(other.repository)) {
            throw invalid(other.raw, "it names repository '" + other.repository + "', not '" + repository + "'");
        }
    }

    /** The path as a prefix of what is below it: empty, or ending with '/'. */
    String directoryPrefix() {
        return path.isEmpty() || path.endsWith("/") ? path : path + "/";
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("lakefs://").append(repository);
        if (!ref.isEmpty()) {
            out.append('/').append(ref);
            if (!path.isEmpty()) {
                out.append('/').append(path);
            }
        }
        return out.toString();
    }

    private static CliException invalid(String raw, String why) {
        return CliException.usage("Invalid URI '" + raw + "': " + why);
    }
}
