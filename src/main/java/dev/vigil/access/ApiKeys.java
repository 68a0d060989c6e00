package dev.vigil.access;

import dev.vigil.store.DuplicateNameException;
import dev.vigil.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues, checks and revokes API keys. A key's secret is shown once, at creation; the store keeps only its SHA-256,
 * so a copy of the database holds no usable key. Lookups go to the store every time, so a revocation takes effect on
 * the next request. {@code VIGIL_API_KEY} adds a bootstrap admin key that lives only in the environment.
 */
public final class ApiKeys {
    public static final String BOOTSTRAP = "bootstrap";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_SECRET = 256;

    /** A key just created, with its secret (the only time it can be read). */
    public record Issued(ApiKey key, String secret) {
    }

    private final Store store;
    private final byte[] bootstrapHash;
    private final SecureRandom random = new SecureRandom();

    /** @param bootstrapSecret the {@code VIGIL_API_KEY} value, or null/blank for none */
    public ApiKeys(Store store, String bootstrapSecret) {
        this.store = store;
        this.bootstrapHash = bootstrapSecret == null || bootstrapSecret.isBlank() ? null : sha256(bootstrapSecret.strip());
        if (bootstrapHash != null && bootstrapSecret.strip().length() < 16) {
            throw new IllegalArgumentException("VIGIL_API_KEY must be at least 16 characters long");
        }
    }

    /** Whether requests must carry a key: once any key exists, every protected endpoint needs one. */
    public boolean enabled() {
        return bootstrapHash != null || store.hasApiKeys();
    }

    public Issued create(String name, Role role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a key name is 1-64 letters, digits, '.', '_' or '-'");
        }
        if (name.equals(BOOTSTRAP)) throw new DuplicateNameException("key", name);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "vgl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var key = new ApiKey(name, role, Instant.now());
        store.addApiKey(key, HexFormat.of().formatHex(sha256(secret)));
        return new Issued(key, secret);
    }

    /**
     * The key this secret belongs to. The store is searched by the secret's hash, so the time a lookup takes says
     * nothing about any stored secret; the bootstrap key is compared in constant time.
     */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > MAX_SECRET) return Optional.empty();
        byte[] hash = sha256(secret.strip());
        if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
            return Optional.of(new ApiKey(BOOTSTRAP, Role.ADMIN, Instant.EPOCH));
        }
        return store.findApiKeyByHash(HexFormat.of().formatHex(hash));
    }

    public List<ApiKey> list() {
        return store.listApiKeys();
    }

    public boolean revoke(String name) {
        return store.deleteApiKey(name);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
