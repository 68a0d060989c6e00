package dev.vigil.cli;

import dev.vigil.engine.Embedding;
import dev.vigil.gallery.Template;
import dev.vigil.recognition.FaceIndex;
import dev.vigil.recognition.Match;
import dev.vigil.store.PostgresDatabase;
import dev.vigil.store.PostgresStore;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench pg}: what a server on a shared PostgreSQL pays for a big gallery: the start-up load of every
 * template into the in-memory index, the heap that index takes, and an identify's search plus the name look-up it
 * makes in the store. Galleries are synthetic, in a scratch schema of the given database that is dropped after.
 */
@Command(name = "pg", description = "Benchmark index load, memory and identify latency on PostgreSQL.")
final class PostgresBench implements Callable<Integer> {
    @Option(names = "--db", required = true, paramLabel = "URL", description = "PostgreSQL to use (a scratch schema is created and dropped).")
    String db;

    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,1000000",
            description = "Gallery sizes (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--queries", defaultValue = "300", description = "Timed identifies per size.")
    int queries;

    @Option(names = "--out", defaultValue = "docs/BENCHMARKS.md")
    Path out;

    private static final String SCHEMA = "vigil_bench";

    @Override
    public Integer call() throws Exception {
        String server = PostgresDatabase.jdbcUrl(db);
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        var md = new StringBuilder("## PostgreSQL gallery\n\n");
        md.append("Command: `java -Xmx6g -jar target/vigil.jar bench pg --db jdbc:postgresql://127.0.0.1:5432/test?user=postgres`  \n");
        md.append("Machine: ").append(BenchReport.machine()).append(", PostgreSQL on the same machine  \n");
        md.append("Each size is a fresh gallery of random unit 512-d templates (one subject each, no crops) written with "
                + "COPY. *Load* is what `vigil serve --db` does at start: stream every template from PostgreSQL into the "
                + "in-memory index. *Heap* is the JVM's used heap that the loaded index holds. *Identify* is one search "
                + "of the index (probes at cosine 0.6 to a planted template) plus the store look-up of the best "
                + "subject's name, as an identify request makes per face (face analysis excluded: see the identify "
                + "section).\n\n");
        md.append("| templates | insert s | load s | load templates/s | heap MB | identify p50 ms | p95 ms | p99 ms | found |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        Random rnd = new Random(42);
        for (int n : sizes) {
            try (Connection admin = DriverManager.getConnection(server); var st = admin.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                st.execute("CREATE SCHEMA " + SCHEMA);
            }
            PostgresStore.open(url, 1).close(); // the schema
            long t0 = System.nanoTime();
            Embedding[] planted = fill(url, n, rnd);
            double insert = (System.nanoTime() - t0) / 1e9;

            System.gc();
            long heap0 = usedHeap();
            FaceIndex index = new FaceIndex();
            double load;
            try (var store = PostgresStore.open(url, 2)) {
                long l0 = System.nanoTime();
                store.forEachTemplate((Template t) -> index.add(t.id(), t.subjectId(), t.embedding()));
                load = (System.nanoTime() - l0) / 1e9;
                System.gc();
                long heapMb = (usedHeap() - heap0) >> 20;

                Embedding[] probes = new Embedding[queries];
                for (int q = 0; q < queries; q++) probes[q] = IdentifyBench.near(planted[q % planted.length], 0.6, rnd);
                for (int q = 0; q < Math.min(queries, 30); q++) index.search(probes[q], 5); // warm-up
                double[] ms = new double[queries];
                int found = 0;
                for (int q = 0; q < queries; q++) {
                    long s = System.nanoTime();
                    List<Match> top = index.search(probes[q], 5);
                    String name = top.isEmpty() ? null : store.findSubject(top.get(0).subjectId()).orElseThrow().name();
                    ms[q] = (System.nanoTime() - s) / 1e6;
                    if (("planted" + (q % planted.length)).equals(name)) found++;
                }
                md.append(String.format("| %,d | %.1f | %.1f | %,.0f | %d | %.2f | %.2f | %.2f | %d/%d |%n", n, insert, load,
                        n / load, heapMb, BenchReport.percentile(ms, 50), BenchReport.percentile(ms, 95),
                        BenchReport.percentile(ms, 99), found, queries));
            }
            System.out.println(md);
        }
        try (Connection admin = DriverManager.getConnection(server); var st = admin.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        BenchReport.writeSection(out, "pg", md.toString());
        System.out.println(md);
        return 0;
    }

    /** COPYs n templates (and a subject each) in chunks; the first few subjects are named plantedN. Returns those. */
    private static Embedding[] fill(String url, int n, Random rnd) throws Exception {
        int chunk = 10_000;
        Embedding[] planted = new Embedding[Math.min(n, 1000)];
        float[] v = new float[512];
        HexFormat hex = HexFormat.of();
        try (Connection c = DriverManager.getConnection(url)) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < n; from += chunk) {
                var subjects = new StringBuilder();
                var templates = new StringBuilder();
                for (int i = from; i < Math.min(n, from + chunk); i++) {
                    Embedding e = IdentifyBench.randomUnit(rnd, v);
                    if (i < planted.length) planted[i] = e;
                    String name = i < planted.length ? "planted" + i : "s" + i;
                    subjects.append("s").append(i).append('\t').append(name).append("\t0\t0\t{}\n");
                    templates.append("t").append(i).append("\ts").append(i).append("\t\\\\x").append(hex.formatHex(e.toBytes()))
                            .append("\t0.8\tbench\t0\t\\N\n");
                }
                copy.copyIn("COPY subjects (id, name, created_at, updated_at, metadata) FROM STDIN", new StringReader(subjects.toString()));
                copy.copyIn("COPY templates (id, subject_id, embedding, quality, source, created_at, crop) FROM STDIN",
                        new StringReader(templates.toString()));
            }
            try (var st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        }
        return planted;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
