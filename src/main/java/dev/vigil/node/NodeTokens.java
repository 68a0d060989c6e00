package dev.vigil.node;

import dev.vigil.store.DuplicateNameException;
import dev.vigil.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Edge nodes' tokens: one per node, shown once at creation, stored as its SHA-256 (like API keys, and apart from
 * them: a node token opens only the node endpoints). Every lookup goes to the store, so a revocation holds from the
 * next request.
 */
public final class NodeTokens {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_TOKEN = 256;

    private final Store store;
    private final SecureRandom random = new SecureRandom();

    public NodeTokens(Store store) {
        this.store = store;
    }

    /** A new token for {@code node}; {@link DuplicateNameException} if it has one (revoke it first). */
    public String create(String node) {
        if (node == null || !NAME.matcher(node).matches()) {
            throw new IllegalArgumentException("a node name is 1-64 letters, digits, '.', '_' or '-'");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "vgn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.addNodeToken(node, hash(token));
        return token;
    }

    /** The node this token belongs to; searched by hash, so timing says nothing about stored tokens. */
    public Optional<String> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) return Optional.empty();
        return store.findNodeByTokenHash(hash(token.strip()));
    }

    public boolean revoke(String node) {
        return store.deleteNodeToken(node);
    }

    public List<String> nodes() {
        return store.nodeNames();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
