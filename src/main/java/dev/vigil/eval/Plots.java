package dev.vigil.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;

/** The report's PNG plots, drawn with Java2D (headless): ROC, similarity histograms, open-set rates by gallery size. */
public final class Plots {
    private static final int W = 900, H = 600, LEFT = 80, RIGHT = 220, TOP = 50, BOTTOM = 60;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private Plots() {
    }

    public static void writeAll(EvalReport r, Path dir) throws IOException {
        roc(r).write(dir.resolve("roc.png"));
        similarity(r).write(dir.resolve("similarity.png"));
        openSet(r).write(dir.resolve("open_set.png"));
    }

    static Chart roc(EvalReport r) {
        var c = new Chart("ROC: genuine pairs accepted (TAR) against impostor pairs accepted (FAR)", "FAR (log)", "TAR",
                -5, 0, 0.8, 1.0, x -> Math.log10(Math.max(x, 1e-5)));
        List<VerificationResult> sets = new ArrayList<>();
        if (r.pairVerification() != null) sets.add(r.pairVerification());
        sets.add(r.identityVerification());
        for (VerificationResult v : sets) {
            var roc = Verification.roc(v.pairs().scores(), v.pairs().same());
            double[] xs = new double[roc.size()], ys = new double[roc.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = roc.get(i).far();
                ys[i] = roc.get(i).tar();
            }
            c.line(v.pairs().description(), xs, ys, false);
        }
        for (double far : VerificationResult.FARS) c.vertical(ReportMarkdown.sci(far), far, Color.GRAY);
        return c;
    }

    static Chart similarity(EvalReport r) {
        VerificationResult v = r.identityVerification();
        var c = new Chart("Cosine similarity: genuine vs impostor pairs (" + v.pairs().description() + ")",
                "similarity", "share of pairs per 0.01", -0.3, 1.0, 0, 0, x -> x);
        double[] g = histogram(v.pairs().genuine()), im = histogram(v.pairs().impostor());
        double max = 0;
        for (int i = 0; i < g.length; i++) max = Math.max(max, Math.max(g[i], im[i]));
        c.yMax = max * 1.05;
        double[] xs = new double[g.length];
        for (int i = 0; i < xs.length; i++) xs[i] = -0.3 + (i + 0.5) * 0.01;
        c.line("genuine (" + v.pairs().genuineCount() + ")", xs, g, true);
        c.line("impostor (" + v.pairs().impostorCount() + ")", xs, im, true);
        c.vertical("accept " + ReportMarkdown.f2(r.accept()), r.accept(), Color.BLACK);
        c.vertical("reject floor " + ReportMarkdown.f2(r.rejectFloor()), r.rejectFloor(), Color.GRAY);
        return c;
    }

    static Chart openSet(EvalReport r) {
        var c = new Chart("Open set, 1 template each: PASS rates by threshold and gallery size", "accept threshold",
                "rate", 0.2, 0.7, 0, 1, x -> x);
        double[] grid = EvalReport.thresholdGrid();
        for (OpenSet.Result o : r.openSet(1)) {
            double[] stranger = new double[grid.length], correct = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                stranger[i] = o.at(grid[i]).strangerPass();
                correct[i] = o.at(grid[i]).enrolledCorrectPass();
            }
            c.line(o.galleryIdentities() + " ids: strangers", grid, stranger, false);
            c.line(o.galleryIdentities() + " ids: enrolled", grid, correct, true);
        }
        c.vertical("accept " + ReportMarkdown.f2(r.accept()), r.accept(), Color.BLACK);
        return c;
    }

    /** Share of the values in each 0.01 bin from -0.3 to 1.0 (values outside go to the end bins). */
    private static double[] histogram(double[] values) {
        double[] bins = new double[130];
        for (double v : values) bins[Math.max(0, Math.min(bins.length - 1, (int) Math.floor((v + 0.3) * 100)))]++;
        for (int i = 0; i < bins.length; i++) bins[i] /= Math.max(1, values.length);
        return bins;
    }

    /** A line chart with a legend; x may be drawn through a scale (log for FAR). */
    static final class Chart {
        private final BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        private final Graphics2D g = image.createGraphics();
        private final double xMin, xMax, yMin;
        private double yMax;
        private final DoubleUnaryOperator scale;
        private final String xLabel, yLabel;
        private final List<Runnable> layers = new ArrayList<>();
        private int legend;

        Chart(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax,
              DoubleUnaryOperator scale) {
            this.xMin = xMin;
            this.xMax = xMax;
            this.yMin = yMin;
            this.yMax = yMax;
            this.scale = scale;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, 28);
        }

        private double px(double x) {
            return LEFT + (scale.applyAsDouble(x) - xMin) / (xMax - xMin) * (W - LEFT - RIGHT);
        }

        private double py(double y) {
            return H - BOTTOM - (Math.max(yMin, Math.min(yMax, y)) - yMin) / (yMax - yMin) * (H - TOP - BOTTOM);
        }

        void line(String name, double[] xs, double[] ys, boolean dashed) {
            Color color = COLORS[layers.size() % COLORS.length];
            layers.add(() -> {
                var path = new Path2D.Double();
                boolean started = false;
                for (int i = 0; i < xs.length; i++) {
                    double sx = scale.applyAsDouble(xs[i]);
                    if (sx < xMin || sx > xMax) continue;
                    if (started) path.lineTo(px(xs[i]), py(ys[i]));
                    else path.moveTo(px(xs[i]), py(ys[i]));
                    started = true;
                }
                g.setColor(color);
                g.setStroke(dashed ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {6, 4}, 0)
                        : new BasicStroke(2));
                g.draw(path);
                legend(name, color);
            });
        }

        void vertical(String name, double x, Color color) {
            layers.add(() -> {
                g.setColor(color);
                g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {2, 3}, 0));
                int xp = (int) px(x);
                g.drawLine(xp, TOP, xp, H - BOTTOM);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.drawString(name, xp + 3, TOP + 12);
            });
        }

        private void legend(String name, Color color) {
            int y = TOP + 10 + 20 * legend++;
            g.fillRect(W - RIGHT + 15, y - 8, 14, 4);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(name, W - RIGHT + 35, y - 2);
        }

        private void axes() {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 5; i++) {
                double sx = xMin + i * (xMax - xMin) / 5, y = yMin + i * (yMax - yMin) / 5;
                int xp = (int) (LEFT + i * (W - LEFT - RIGHT) / 5.0), yp = (int) py(y);
                boolean log = scale.applyAsDouble(10) != 10;
                g.drawString(log ? "1e" + Math.round(sx) : String.format(java.util.Locale.ROOT, "%.2f", sx), xp - 12, H - BOTTOM + 18);
                g.drawString(String.format(java.util.Locale.ROOT, "%.3g", y), LEFT - 45, yp + 4);
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(LEFT + 1, yp, W - RIGHT - 1, yp);
                g.setColor(Color.BLACK);
            }
            g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - 40, H - 20);
            g.drawString(yLabel, 8, TOP - 8);
        }

        void write(Path file) throws IOException {
            axes();
            layers.forEach(Runnable::run);
            g.dispose();
            ImageIO.write(image, "png", file.toFile());
        }
    }
}
