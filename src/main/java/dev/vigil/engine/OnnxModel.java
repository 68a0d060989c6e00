package dev.vigil.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One ONNX session with a single float input named {@code input} of a fixed shape (all models here have batch 1).
 * ORT sessions are safe to run from several threads at once; this class adds nothing mutable.
 */
final class OnnxModel implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final long[] inputShape;
    private final String[] outputNames;
    final int inputSize;

    OnnxModel(OrtEnvironment env, Path file, int intraOpThreads, long[] inputShape, String... outputNames) {
        this.env = env;
        this.inputShape = inputShape.clone();
        this.outputNames = outputNames.clone();
        int size = 1;
        for (long d : inputShape) size *= (int) d;
        this.inputSize = size;
        try (var options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            // Spinning workers compete with the caller's own preprocessing on small machines (MODELS.md: Threading).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            this.session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelException("cannot load " + file + ": " + e.getMessage()
                    + ". Delete the file so it is fetched and verified again.", e);
        }
    }

    /** Runs the model on a direct buffer holding exactly one input; returns each requested output, flattened. */
    float[][] run(FloatBuffer input) {
        input.rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, inputShape);
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            float[][] out = new float[outputNames.length][];
            for (int i = 0; i < outputNames.length; i++) {
                var value = (OnnxTensor) result.get(outputNames[i])
                        .orElseThrow(() -> new IllegalStateException("model has no output"));
                FloatBuffer fb = value.getFloatBuffer();
                out[i] = new float[fb.remaining()];
                fb.get(out[i]);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
