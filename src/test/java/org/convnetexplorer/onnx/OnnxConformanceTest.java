package org.convnetexplorer.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.ops.Operators;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxGraph;
import org.convnetexplorer.onnx.graph.OnnxNode;
import org.convnetexplorer.onnx.graph.OnnxTensor;
import org.convnetexplorer.onnx.graph.OnnxValueInfo;
import org.convnetexplorer.onnx.ops.OnnxImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The ONNX project's own conformance cases (Debian's libonnx-testdata: node/ and pytorch-converted/) through the
 * importer: every case whose operators are all registered is either refused (with a reason) or computes the case's
 * outputs. Its first input is the data (dim 0 the batch), further inputs are given as constants.
 */
class OnnxConformanceTest {

	private static final Path DATA = Paths.get("/usr/share/libonnx-testdata/data");
	private static final double RELATIVE = 1e-3;
	private static final double ABSOLUTE = 1e-5;

	@TempDir
	Path temp;

	private final List<String> failures = new ArrayList<>();
	private final Map<String, Set<String>> passedBy = new TreeMap<>();
	/** Resize, Upsample and ConvTranspose cases: all must compute but cubic, crop-and-resize, 1-D and 3-D (refused). */
	private final Set<String> resamplingCases = new TreeSet<>();
	private int refused;

	@Test
	void acceptedCasesComputeTheirOutputs() throws Exception {
		boolean installed = Files.isDirectory(DATA.resolve("node"));
		if (!installed && "true".equals(System.getenv("CI"))) fail(DATA + " is missing: .ci/run installs libonnx-testdata");
		assumeTrue(installed, "libonnx-testdata is not installed (" + DATA + "; apt-get install libonnx-testdata)");
		int cases = 0;
		for (String suite : List.of("node", "pytorch-converted"))
			try (Stream<Path> dirs = Files.list(DATA.resolve(suite))) {
				for (Path dir : dirs.sorted().collect(Collectors.toList()))
					if (run(dir)) cases++;
			}
		Set<String> untested = new TreeSet<>(Operators.names());
		passedBy.values().forEach(untested::removeAll);
		System.out.println("conformance: " + cases + " cases of registered operators, " + passedBy.size() + " computed, "
			+ refused + " refused; registered operators no computed case used: " + untested);
		assertTrue(failures.isEmpty(), failures.size() + " cases computed wrongly:\n" + String.join("\n", failures));
		assertTrue(passedBy.size() >= 100, "only " + passedBy.size() + " cases computed");
		resamplingCases.removeIf(c -> c.matches(".*(cubic|crop_and_resize|_1d|_3d).*"));
		assertTrue(resamplingCases.size() >= 20, "only " + resamplingCases.size() + " resampling cases");
		resamplingCases.removeAll(passedBy.keySet());
		assertTrue(resamplingCases.isEmpty(), "resampling cases refused: " + resamplingCases);
	}

	/** Runs one case; false where it uses an operator the importer does not register (or inputs it cannot take). */
	private boolean run(Path dir) throws IOException {
		Path data = dir.resolve("test_data_set_0");
		if (!Files.isRegularFile(dir.resolve("model.onnx")) || !Files.isDirectory(data)) return false;
		OnnxGraph graph;
		try {
			graph = OnnxGraph.read(dir.resolve("model.onnx"));
		}
		catch (OnnxFormatException e) {
			return false;
		}
		if (graph.nodes().stream().anyMatch(n -> !n.domain().isEmpty() || Operators.of(n.opType()) == null)
			|| graph.inputs().isEmpty()) return false;
		List<OnnxTensor> inputs = new ArrayList<>();
		for (int i = 0; i < graph.inputs().size(); i++) {
			OnnxTensor t = tensor(data.resolve("input_" + i + ".pb"));
			if (t == null) return false;
			inputs.add(t);
		}
		if (!inputs.get(0).isFloat() || inputs.get(0).rank() < 2) return false;
		String name = dir.getParent().getFileName() + "/" + dir.getFileName();
		if (name.matches("(?i).*/test_(resize|upsample|convtranspose).*")) resamplingCases.add(name);
		try {
			compare(name, graph, inputs, data);
		}
		catch (OnnxFormatException e) {
			refused++;
		}
		catch (RuntimeException e) {
			failures.add(name + ": " + e);
		}
		return true;
	}

	private void compare(String name, OnnxGraph read, List<OnnxTensor> inputs, Path data) throws IOException {
		Map<String, OnnxTensor> constants = new LinkedHashMap<>(read.initializers());
		for (int i = 1; i < inputs.size(); i++)
			constants.put(read.inputs().get(i).name(), inputs.get(i));
		OnnxGraph graph = new OnnxGraph(read.file(), read.irVersion(), read.opset(), read.producer(), read.nodes(),
			constants, List.of(read.inputs().get(0)), read.outputs());
		OnnxTensor x = inputs.get(0);
		long[] fedShape = x.dims().clone();
		fedShape[0] = -1;
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(fedShape)));
			Set<String> outputs = read.outputs().stream().map(OnnxValueInfo::name).collect(Collectors.toSet());
			OnnxImporter importer = new OnnxImporter(graph, tf, outputs);
			importer.input(read.inputs().get(0).name(), x.dims(), in);
			importer.run(graph.nodes());
			List<float[]> expected = new ArrayList<>();
			List<Operand<TFloat32>> fetched = new ArrayList<>();
			for (int i = 0; i < read.outputs().size(); i++) {
				OnnxTensor want = tensor(data.resolve("output_" + i + ".pb"));
				Value v = importer.value(read.outputs().get(i).name());
				if (want == null || v == null) throw new IllegalStateException("output " + i + " not computed or unreadable");
				if (!Arrays.equals(want.dims(), concrete(v.shape, Value.BATCH, x.dims()[0])))
					throw new IllegalStateException("output " + i + " of shape " + Arrays.toString(v.shape) + ", expected "
						+ Arrays.toString(want.dims()));
				float[] wanted = want.isFloat() ? want.floats() : toFloats(want.longs());
				if (!v.batched) check(name, i, wanted, v.floats != null ? v.floats : toFloats(concrete(v.ints, Value.BATCH_SIZE, x.dims()[0])));
				else {
					expected.add(wanted);
					// an output may be the fed input itself, which TF does not fetch: through an Identity
					fetched.add(v.rank() == 4 ? tf.linalg.transpose(v.op, tf.constant(new int[] { 0, 3, 1, 2 }))
						: tf.identity(v.op));
				}
			}
			runAndCheck(name, g, in, x, fetched, expected);
			for (OnnxNode node : read.nodes())
				passedBy.computeIfAbsent(name, k -> new TreeSet<>()).add(node.opType());
		}
	}

	private void runAndCheck(String name, Graph g, Placeholder<TFloat32> in, OnnxTensor x, List<Operand<TFloat32>> fetched,
		List<float[]> expected)
	{
		if (fetched.isEmpty()) return;
		try (Session session = new Session(g);
			TFloat32 fed = TFloat32.tensorOf(Shape.of(x.dims()), DataBuffers.of(x.floats(), true, false)))
		{
			Session.Runner runner = session.runner().feed(in, fed);
			fetched.forEach(runner::fetch);
			try (Result result = runner.run()) {
				for (int i = 0; i < fetched.size(); i++) {
					float[] got = new float[expected.get(i).length];
					((TFloat32) result.get(i)).asRawTensor().data().asFloats().read(got);
					check(name, i, expected.get(i), got);
				}
			}
		}
	}

	private static void check(String name, int output, float[] expected, float[] got) {
		for (int k = 0; k < expected.length; k++)
			if (!(Math.abs(got[k] - expected[k]) <= ABSOLUTE + RELATIVE * Math.abs(expected[k])))
				throw new IllegalStateException(name + " output " + output + " [" + k + "]: " + got[k] + ", expected "
					+ expected[k]);
	}

	/** {@code symbolic} (the batch dimension of a shape, or the batch size in folded content) made {@code batch}. */
	private static long[] concrete(long[] values, long symbolic, long batch) {
		long[] out = values.clone();
		for (int i = 0; i < out.length; i++)
			if (out[i] == symbolic) out[i] = batch;
		return out;
	}

	private static float[] toFloats(long[] ints) {
		float[] f = new float[ints.length];
		for (int i = 0; i < ints.length; i++)
			f[i] = ints[i];
		return f;
	}

	/** A TensorProto file, read by the importer's own reader as the initializer of a one-node model; null if unusable. */
	private OnnxTensor tensor(Path pb) throws IOException {
		if (!Files.isRegularFile(pb)) return null;
		ByteArrayOutputStream named = new ByteArrayOutputStream();
		named.write(Files.readAllBytes(pb));
		named.write(new ProtoWriter().string(8, "t").toByteArray()); // a later field wins: the tensor is named "t"
		Path file = temp.resolve("tensor.onnx");
		Files.write(file, ProtoWriter.model(13, ProtoWriter.graph(new long[] { 1, 1 }, "y",
			ProtoWriter.node("r", "Relu", new String[] { "x" }, new String[] { "y" })).bytes(5, named.toByteArray())));
		try {
			OnnxTensor t = OnnxGraph.read(file).initializers().get("t");
			return t != null && (t.isFloat() || t.isInteger()) ? t : null;
		}
		catch (OnnxFormatException e) {
			return null;
		}
	}
}
