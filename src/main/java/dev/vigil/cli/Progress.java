package dev.vigil.cli;

/** A one-line progress bar on stderr, redrawn in place. */
final class Progress {
    private static final int WIDTH = 30;

    private Progress() {
    }

    /** {@code total} below 1 means unknown: no bar, just the count. */
    static void show(int done, int total, String what) {
        if (total > 200 && done % (total / 200) != 0 && done != total) return; // redraw every half percent
        String bar = total > 0 ? "[" + "#".repeat(done * WIDTH / total) + " ".repeat(WIDTH - done * WIDTH / total) + "] " : "";
        String count = total > 0 ? done + "/" + total : String.valueOf(done);
        String text = what.length() > 60 ? "..." + what.substring(what.length() - 57) : what;
        System.err.printf("\r%s%s %-60s", bar, count, text);
    }
}
