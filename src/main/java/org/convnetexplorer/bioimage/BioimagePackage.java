package org.convnetexplorer.bioimage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.onnx.OnnxModel;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.tiles.SideRule;

/**
 * A bioimage.io model package (its zip, or its rdf.yaml beside its files) with ONNX weights, read and checked at
 * {@link #open}: the description is one {@link ModelDescription} can honour, the weights import, and the package's own
 * test input, preprocessed as the package says, through the imported model and its first output's postprocessing
 * reproduces its test output within bioimage.io's tolerance (bioimageio.core's {@code test_model} defaults:
 * |computed − expected| ≤ 1.5e-4 + 1e-4 × |expected|, numpy's {@code allclose}); else the package is refused naming
 * the largest difference and where.
 */
public final class BioimagePackage {

	/** bioimageio.core's default tolerance for reproducing a package's test output. */
	public static final double ABSOLUTE_TOLERANCE = 1.5e-4;
	public static final double RELATIVE_TOLERANCE = 1e-4;
	/** The most bytes read for a test tensor (.npy) and for ONNX weights. */
	static final int MAX_TEST_TENSOR_BYTES = 256 << 20;
	static final long MAX_WEIGHTS_BYTES = Integer.MAX_VALUE - 64;

	private final Path location;
	private final ModelDescription description;
	private final OnnxModel model;
	private double testDifference;

	private BioimagePackage(Path location, ModelDescription description, OnnxModel model) {
		this.location = location;
		this.description = description;
		this.model = model;
	}

	/** Whether a model path names a package (a .zip or a .yaml) rather than an ONNX file. */
	public static boolean isPackage(Path path) {
		String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".zip") || name.endsWith(".yaml") || name.endsWith(".yml");
	}

	/**
	 * Reads and checks a package.
	 *
	 * @throws IOException naming the package and why it cannot be used
	 */
	public static BioimagePackage open(Path path) throws IOException {
		try (PackageFiles files = PackageFiles.open(path)) {
			ModelDescription description = ModelDescription.parse(path, files.description());
			Path weights = files.file(description.onnxWeights, MAX_WEIGHTS_BYTES);
			OnnxModel model;
			try {
				model = OnnxModel.read(weights, path);
			}
			catch (OnnxFormatException e) {
				throw new PackageException(path, "its ONNX weights " + description.onnxWeights + ": " + e.getMessage());
			}
			if (model.input().channels() != description.channels)
				throw new PackageException(path, "its rdf.yaml gives " + description.channels + " input channels, its " +
					"ONNX weights take " + model.input().channels());
			BioimagePackage opened = new BioimagePackage(path, description, model);
			opened.reproduceTestOutput(NpyArray.read(files.read(description.testInput, MAX_TEST_TENSOR_BYTES),
				description.testInput), NpyArray.read(files.read(description.testOutput, MAX_TEST_TENSOR_BYTES),
					description.testOutput));
			return opened;
		}
	}

	/**
	 * The package as a network at a square input of {@code inputSize} pixels (0: the least size it takes of at least
	 * {@value OnnxModel#DEFAULT_INPUT_SIZE}), normalised by its own preprocessing (none: raw values).
	 *
	 * @param normalization {@link Normalization#NONE}, or the package's own preprocessing repeated
	 * @throws IllegalArgumentException for a size it does not take, a mean or std, or another normalisation
	 */
	public OnnxNetwork network(int inputSize, float[] mean, float[] std, Normalization normalization)
		throws OnnxFormatException
	{
		requireOwnPreprocessing(mean, std, normalization);
		int size = inputSize > 0 ? inputSize : sizeFrom(OnnxModel.DEFAULT_INPUT_SIZE);
		if (size < 0 || !takes(size)) throw new IllegalArgumentException(location.getFileName() + " takes inputs of " +
			sizes() + ", not " + (size < 0 ? "one of at least " + OnnxModel.DEFAULT_INPUT_SIZE : size) +
			(inputSize > 0 && sizeFrom(inputSize) > 0 ? " (the next it takes: " + sizeFrom(inputSize) + ")" : ""));
		return OnnxNetwork.of(model, size, null, null, inputNormalization());
	}

	/**
	 * The package as a network at each image's own size (its ONNX input's height and width open), normalised by its
	 * own preprocessing over each whole image; images and tiles are kept to the sizes it takes.
	 *
	 * @throws IllegalArgumentException for a package of one size, or whose least size is not whole steps; a mean or
	 *           std, or another normalisation
	 */
	public OnnxNetwork networkAtOwnSize(float[] mean, float[] std, Normalization normalization)
		throws OnnxFormatException
	{
		requireOwnPreprocessing(mean, std, normalization);
		int least = Math.max(description.minSize[0], description.minSize[1]);
		long step = 1;
		for (int axis = 0; axis < 2; axis++) {
			int axisStep = description.step[axis];
			if (axisStep == 0 || description.minSize[axis] % axisStep != 0) throw new IllegalArgumentException(
				location.getFileName() + " takes inputs of " + sizes() + ": at each image's own size, a package whose " +
					"sizes are its least size's multiples (min + n·step, min a multiple of step) is taken");
			step = SideRule.leastCommonMultiple(step, axisStep);
		}
		return OnnxNetwork.atOwnSize(model, null, null, inputNormalization(), new SideRule(
			(int) ((least + step - 1) / step * step), (int) step));
	}

	private void requireOwnPreprocessing(float[] mean, float[] std, Normalization normalization) {
		if (mean != null || std != null) throw new IllegalArgumentException(location.getFileName() + " brings its own " +
			"preprocessing (" + inputNormalization() + "): mean and std do not apply");
		if (!normalization.isNone() && !normalization.equals(inputNormalization()))
			throw new IllegalArgumentException(location.getFileName() + " brings its own preprocessing (" +
				inputNormalization() + "), not " + normalization);
	}

	/** The package's preprocessing; where it has none, the identity (raw values go in). */
	private Normalization inputNormalization() {
		return description.preprocessing.isNone() ? Normalization.parse("scale_linear:1,0") : description.preprocessing;
	}

	/** The package: its zip or its rdf.yaml. */
	public Path location() {
		return location;
	}

	/** The imported ONNX weights; their {@link OnnxModel#source} is the package. */
	public OnnxModel model() {
		return model;
	}

	/** The input's preprocessing, as the package states it. */
	public Normalization preprocessing() {
		return description.preprocessing;
	}

	public int channels() {
		return description.channels;
	}

	/** The largest absolute difference between the test output computed at loading and the package's. */
	public double testOutputDifference() {
		return testDifference;
	}

	/** The description's format version ("0.5.3"). */
	public String formatVersion() {
		return description.formatVersion;
	}

	/** The weight formats the package has, as rdf.yaml names them. */
	public List<String> weightFormats() {
		return List.copyOf(description.weightFormats);
	}

	/** Whether the package takes a square input of {@code size} pixels (its least size plus whole steps). */
	public boolean takes(int size) {
		for (int axis = 0; axis < 2; axis++) {
			int min = description.minSize[axis];
			int step = description.step[axis];
			if (size < min || (step == 0 ? size != min : (size - min) % step != 0)) return false;
		}
		return true;
	}

	/** The least square size it takes of at least {@code wanted} pixels, or -1 where there is none. */
	public int sizeFrom(int wanted) {
		for (int size = Math.max(1, wanted); size <= 4096; size++)
			if (takes(size)) return size;
		return -1;
	}

	/** The sizes it takes, in words: "16 + 8 k pixels" per axis. */
	public String sizes() {
		String y = sizes(0);
		String x = sizes(1);
		return y.equals(x) ? y + " pixels per side" : y + " pixels high, " + x + " wide";
	}

	private String sizes(int axis) {
		int step = description.step[axis];
		return description.minSize[axis] + (step == 0 ? "" : " + " + step + " k");
	}

	private void reproduceTestOutput(NpyArray input, NpyArray expected) throws IOException {
		long[] shape = input.shape();
		if (shape.length != 4 || shape[0] != 1 || shape[1] != description.channels)
			throw new PackageException(location, "its test input " + description.testInput + " has shape " +
				Arrays.toString(shape) + "; [1, " + description.channels + ", y, x] is read");
		float[] data = input.values().clone();
		description.preprocessing.apply(data, description.channels);
		NpyArray computed = ModelOutput.compute(model, model.graph().outputs().get(0).name(), data,
			description.channels, (int) shape[2], (int) shape[3]);
		description.postprocessing.apply(computed.values(), (int) computed.shape()[1]);
		testDifference = new OutputComparison(location, description.testOutput, computed, expected).require(
			ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE);
	}
}
