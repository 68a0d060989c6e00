package dev.vigil.access;

/**
 * Who the current thread acts for, so the gallery can write audit rows without every call passing it along. The HTTP
 * layer sets it for the length of a request; code outside a request acts as {@link #SYSTEM}.
 */
public final class Actor {
    public static final String SYSTEM = "system";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Actor() {
    }

    public static String current() {
        String a = CURRENT.get();
        return a == null ? SYSTEM : a;
    }

    public static void set(String actor) {
        CURRENT.set(actor);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
