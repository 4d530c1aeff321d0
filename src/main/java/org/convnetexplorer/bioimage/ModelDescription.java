package org.convnetexplorer.bioimage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.intensity.NormalizationStep;

/**
 * What a bioimage.io model description (rdf.yaml, format 0.4 or 0.5) says that a scan needs: its one image input
 * (axes batch, channel, y, x; its channels; its size constraints, a minimum and a step per spatial axis), the input's
 * preprocessing as a {@link Normalization}, its first output's postprocessing (to check the test output), its weight
 * formats with the ONNX weights' file, and its test tensors.
 * Anything else it cannot honour (another axis, a preprocessing step with dataset statistics or a kind it does not
 * compute, several inputs) is refused, naming it.
 */
final class ModelDescription {

	/** The most bytes (and characters) an rdf.yaml is read with. */
	static final int MAX_RDF_BYTES = 1 << 20;

	String formatVersion;
	String inputName;
	int channels;
	/** Per spatial axis (y, x): the least size and the step between sizes (0: only the least). */
	final int[] minSize = new int[2];
	final int[] step = new int[2];
	Normalization preprocessing = Normalization.NONE;
	/** What the first output goes through before it is compared with the test output. */
	Normalization postprocessing = Normalization.NONE;
	final List<String> weightFormats = new ArrayList<>();
	String onnxWeights;
	String testInput;
	String testOutput;

	private final Yaml yaml;

	private ModelDescription(Path location) {
		yaml = new Yaml(location);
	}

	static ModelDescription parse(Path location, byte[] rdf) throws PackageException {
		ModelDescription description = new ModelDescription(location);
		description.read(description.yaml.parse(rdf));
		return description;
	}

	private void read(Map<?, ?> rdf) throws PackageException {
		Object type = rdf.get("type");
		if (type != null && !"model".equals(type))
			throw refusal("it describes a " + type + ", not a model");
		formatVersion = yaml.string(rdf.get("format_version"), "format_version");
		boolean v05 = formatVersion.startsWith("0.5.") || formatVersion.equals("0.5");
		if (!v05 && !formatVersion.startsWith("0.4."))
			throw refusal("format_version " + formatVersion + "; 0.4 and 0.5 are read");
		readWeights(yaml.map(rdf.get("weights"), "weights"));
		List<?> inputs = yaml.list(rdf.get("inputs"), "inputs");
		if (inputs.size() != 1) throw refusal("it has " + inputs.size() + " inputs; one image input is read");
		Map<?, ?> input = yaml.map(inputs.get(0), "inputs[0]");
		List<?> outputs = yaml.list(rdf.get("outputs"), "outputs");
		if (outputs.isEmpty()) throw refusal("it has no outputs");
		if (v05) {
			inputName = yaml.string(input.get("id"), "inputs[0].id");
			readAxes05(yaml.list(input.get("axes"), "inputs[0].axes"));
			testInput = testTensor05(input, "inputs[0]");
			testOutput = testTensor05(yaml.map(outputs.get(0), "outputs[0]"), "outputs[0]");
		}
		else {
			inputName = yaml.string(input.get("name"), "inputs[0].name");
			readAxes04(input);
			testInput = firstOf(rdf.get("test_inputs"), "test_inputs");
			testOutput = firstOf(rdf.get("test_outputs"), "test_outputs");
		}
		Object steps = input.get("preprocessing");
		if (steps != null) preprocessing = steps(yaml.list(steps, "inputs[0].preprocessing"), v05, "preprocessing");
		Object after = yaml.map(outputs.get(0), "outputs[0]").get("postprocessing");
		if (after != null) postprocessing = steps(yaml.list(after, "outputs[0].postprocessing"), v05, "postprocessing");
	}

	private void readWeights(Map<?, ?> weights) throws PackageException {
		for (Object format : weights.keySet())
			weightFormats.add(String.valueOf(format));
		if (!weights.containsKey("onnx")) throw refusal("it has no ONNX weights (its weights: " +
			String.join(", ", weightFormats) + "); ONNX weights are read");
		onnxWeights = yaml.string(yaml.map(weights.get("onnx"), "weights.onnx").get("source"), "weights.onnx.source");
	}

	/** 0.4: axes "bcyx", shape a fixed list or min and step lists. */
	private void readAxes04(Map<?, ?> input) throws PackageException {
		String axes = yaml.string(input.get("axes"), "inputs[0].axes");
		if (!axes.equals("bcyx")) throw refusal("its input has axes '" + axes + "'; bcyx (batch, channel, y, x) is read");
		Object shape = input.get("shape");
		double[] min;
		double[] steps = new double[4];
		if (shape instanceof Map) {
			min = yaml.numbers(((Map<?, ?>) shape).get("min"), "inputs[0].shape.min");
			steps = yaml.numbers(((Map<?, ?>) shape).get("step"), "inputs[0].shape.step");
		}
		else min = yaml.numbers(shape, "inputs[0].shape");
		if (min.length != 4 || steps.length != 4) throw refusal("its input shape has " + min.length +
			" sizes for the 4 axes bcyx");
		if (steps[1] != 0) throw refusal("its input's channels are not fixed (step " + steps[1] + ")");
		channels = (int) min[1];
		for (int axis = 0; axis < 2; axis++) {
			minSize[axis] = (int) min[2 + axis];
			step[axis] = (int) steps[2 + axis];
		}
	}

	/** 0.5: axis objects batch, channel (its channel_names), space y and x (a size, or min and step). */
	private void readAxes05(List<?> axes) throws PackageException {
		List<String> kinds = new ArrayList<>();
		for (Object axis : axes) {
			Map<?, ?> a = yaml.map(axis, "an input axis");
			String type = yaml.string(a.get("type"), "an input axis's type");
			kinds.add(type.equals("space") ? String.valueOf(a.get("id")) : type);
		}
		if (!kinds.equals(List.of("batch", "channel", "y", "x"))) throw refusal("its input has axes " + kinds +
			"; batch, channel, y, x is read");
		channels = yaml.list(yaml.map(axes.get(1), "the channel axis").get("channel_names"),
			"the channel axis's channel_names").size();
		for (int axis = 0; axis < 2; axis++) {
			Object size = yaml.map(axes.get(2 + axis), "a space axis").get("size");
			String what = "the " + kinds.get(2 + axis) + " axis's size";
			if (size instanceof Map) {
				minSize[axis] = (int) yaml.number(((Map<?, ?>) size).get("min"), what + ".min");
				step[axis] = (int) yaml.number(((Map<?, ?>) size).get("step"), what + ".step");
			}
			else minSize[axis] = (int) yaml.number(size, what);
		}
	}

	private String testTensor05(Map<?, ?> tensor, String what) throws PackageException {
		Object test = tensor.get("test_tensor");
		if (test == null) throw refusal(what + " has no test_tensor: the package cannot be checked");
		return yaml.string(yaml.map(test, what + ".test_tensor").get("source"), what + ".test_tensor.source");
	}

	private String firstOf(Object list, String what) throws PackageException {
		List<?> files = yaml.list(list, what);
		if (files.isEmpty()) throw refusal(what + " is empty: the package cannot be checked");
		return yaml.string(files.get(0), what + "[0]");
	}

	/** @param what "preprocessing" or "postprocessing" */
	private Normalization steps(List<?> steps, boolean v05, String what) throws PackageException {
		List<NormalizationStep> normalization = new ArrayList<>();
		for (Object step : steps) {
			Map<?, ?> s = yaml.map(step, "a " + what + " step");
			String name = yaml.string(s.get(v05 ? "id" : "name"), "a " + what + " step's " + (v05 ? "id" : "name"));
			Object kwargs = s.get("kwargs");
			Map<?, ?> arguments = kwargs == null ? Map.of() : yaml.map(kwargs, name + "'s kwargs");
			try {
				NormalizationStep parsed = new PreprocessingStep(yaml, name, arguments, v05).toStep();
				if (parsed != null) normalization.add(parsed);
			}
			catch (IllegalArgumentException e) {
				throw refusal("its " + what + " " + name + ": " + e.getMessage());
			}
		}
		return new Normalization(normalization);
	}

	PackageException refusal(String reason) {
		return new PackageException(yaml.location(), reason);
	}
}
