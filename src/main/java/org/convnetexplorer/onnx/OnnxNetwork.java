package org.convnetexplorer.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.runfile.RunKeys;
import org.convnetexplorer.tiles.SideRule;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.network.Trunk;
import org.convnetexplorer.weights.Sha256;
import org.convnetexplorer.onnx.graph.OnnxFormatException;

/**
 * A user's ONNX model as a {@link Network}: read and checked once ({@link OnnxModel#read}), at one square input size,
 * with the user's normalisation. Its layers are the tensors {@link OnnxModel#layers} lists, named by tensor name; a
 * layer may also be asked for by its node's name ({@link #layer}), and is then called by that name in every result.
 */
public final class OnnxNetwork implements Network {

	/** For a one-channel model: the averages of torchvision's ImageNet mean and std. */
	private static final float[] GRAY_MEAN = { 0.449f };
	private static final float[] GRAY_STD = { 0.226f };
	private static final InputSpec IMAGENET = InputSpec.IMAGENET;

	private final OnnxModel model;
	private final InputSpec input;
	private final List<Layer> layers = new ArrayList<>();
	private final List<String> tensors = new ArrayList<>();
	private final List<Layer> defaultLayers = new ArrayList<>();
	private final SideRule sides;

	private OnnxNetwork(OnnxModel model, InputSpec input) throws OnnxFormatException {
		this(model, input, SideRule.ANY);
	}

	private OnnxNetwork(OnnxModel model, InputSpec input, SideRule sides) throws OnnxFormatException {
		this.model = model;
		this.input = input;
		this.sides = sides;
		for (OnnxLayer layer : model.layers(input.size(), input.size())) {
			if (layer.mapHeight() < 1 || layer.mapWidth() < 1) continue; // an empty map holds no unit to show
			tensors.add(layer.name());
			layers.add(toLayer(layer.name(), layer));
		}
		for (OnnxLayer layer : model.defaultLayers(input.size(), input.size()))
			defaultLayers.add(layers.get(tensors.indexOf(layer.name())));
	}

	/**
	 * Reads a model for inputs of {@code inputSize} (0: the model's fixed size, else
	 * {@value OnnxModel#DEFAULT_INPUT_SIZE}), normalised with {@code mean} and {@code std} (null: torchvision's
	 * ImageNet values; one value for every channel, or one per channel).
	 *
	 * @throws OnnxFormatException where the file cannot be used (the message names it and the reason)
	 * @throws IllegalArgumentException where the options do not fit the model
	 */
	public static OnnxNetwork open(Path file, int inputSize, float[] mean, float[] std) throws OnnxFormatException {
		return open(file, inputSize, mean, std, Normalization.NONE);
	}

	/**
	 * {@link #open(Path, int, float[], float[])}, normalised by {@code normalization} instead of mean and std where it
	 * is not {@link Normalization#NONE}.
	 */
	public static OnnxNetwork open(Path file, int inputSize, float[] mean, float[] std, Normalization normalization)
		throws OnnxFormatException
	{
		if (inputSize < 0 || inputSize > InputSpec.MAX_SIZE) throw new IllegalArgumentException("input size must be 1.." +
			InputSpec.MAX_SIZE + " (or 0: the model's), not " + inputSize);
		return of(OnnxModel.read(file), inputSize, mean, std, normalization);
	}

	/** A model read already (from a bioimage.io package, say) as a network: as {@link #open}. */
	public static OnnxNetwork of(OnnxModel model, int inputSize, float[] mean, float[] std, Normalization normalization)
		throws OnnxFormatException
	{
		Path file = model.source();
		OnnxInput in = model.input();
		if (in.channels() != 1 && in.channels() != 3) throw new OnnxFormatException(file, "its input '" + in.name() +
			"' has " + in.channels() + " channels; images are given as 1 (gray) or 3 (RGB)");
		if ((in.height() > 0) != (in.width() > 0) || in.hasFixedSize() && in.height() != in.width())
			throw new OnnxFormatException(file, "its input " + in + " is not square (or only one side is fixed); " +
				"square inputs are supported");
		int size = in.hasFixedSize() ? in.height() : inputSize > 0 ? inputSize : OnnxModel.DEFAULT_INPUT_SIZE;
		if (in.hasFixedSize() && inputSize > 0 && inputSize != size) throw new IllegalArgumentException(
			file.getFileName() + " takes " + size + "×" + size + " inputs, not " + inputSize + "×" + inputSize);
		int channels = in.channels();
		if (!normalization.isNone()) // an image in 0..1 (feature visualisation's) goes in as scale_range makes it
			return new OnnxNetwork(model, new InputSpec(size, channels, new float[channels], filled(channels, 1),
				normalization));
		return new OnnxNetwork(model, new InputSpec(size, channels,
			perChannel("mean", mean, channels == 1 ? GRAY_MEAN
				: new float[] { IMAGENET.mean(0), IMAGENET.mean(1), IMAGENET.mean(2) }),
			perChannel("std", std, channels == 1 ? GRAY_STD
				: new float[] { IMAGENET.std(0), IMAGENET.std(1), IMAGENET.std(2) }), normalization));
	}

	private static float[] filled(int length, float value) {
		float[] values = new float[length];
		Arrays.fill(values, value);
		return values;
	}

	/**
	 * Reads a model to scan at each image's own size: its input's height and width must be open, its channels are an
	 * image's chosen channels (any number); each sample is divided by its type's range, then normalised with
	 * {@code mean} and {@code std} (null: 0 and 1), or, where {@code normalization} is not {@link Normalization#NONE},
	 * the raw samples go through it instead. Its layers are described at {@value OnnxModel#DEFAULT_INPUT_SIZE}.
	 *
	 * @throws IllegalArgumentException naming the model, where its input fixes a side
	 */
	public static OnnxNetwork openAtOwnSize(Path file, float[] mean, float[] std, Normalization normalization)
		throws OnnxFormatException
	{
		return atOwnSize(OnnxModel.read(file), mean, std, normalization, SideRule.ANY);
	}

	/**
	 * A model read already (from a bioimage.io package, say) as {@link #openAtOwnSize} opens one, its images and tiles
	 * kept to {@code sides}.
	 */
	public static OnnxNetwork atOwnSize(OnnxModel model, float[] mean, float[] std, Normalization normalization,
		SideRule sides) throws OnnxFormatException
	{
		OnnxTiles.requireOpenSize(model);
		int channels = model.input().channels();
		boolean normalized = !normalization.isNone();
		return new OnnxNetwork(model, InputSpec.ofSamples(OnnxModel.DEFAULT_INPUT_SIZE, channels,
			perChannel("mean", normalized ? null : mean, new float[channels]),
			perChannel("std", normalized ? null : std, filled(channels, 1)), normalization), sides);
	}

	/** The sides its input takes at each image's own size, beyond what its layers compute at. */
	public SideRule sides() {
		return sides;
	}

	private static float[] perChannel(String what, float[] given, float[] defaults) {
		if (given == null) return defaults.clone();
		if (given.length == defaults.length) return given.clone();
		if (given.length != 1) throw new IllegalArgumentException(what + " needs 1 or " + defaults.length +
			" values for this model's " + defaults.length + " channels, not " + given.length);
		float[] all = new float[defaults.length];
		Arrays.fill(all, given[0]);
		return all;
	}

	/**
	 * Parses "0.485,0.456,0.406" (or one value); null or blank is null (the default).
	 *
	 * @throws IllegalArgumentException naming {@code what} and the text
	 */
	public static float[] parseValues(String what, String text) {
		if (text == null || text.isBlank()) return null;
		String[] parts = text.split(",");
		float[] values = new float[parts.length];
		try {
			for (int i = 0; i < parts.length; i++)
				values[i] = Float.parseFloat(parts[i].trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(what + " must be one number or one per channel, comma-separated " +
				"(e.g. 0.485,0.456,0.406), not '" + text + "'");
		}
		return values;
	}

	public OnnxModel model() {
		return model;
	}

	/** The model file's name (or its package's). */
	@Override
	public String name() {
		return model.source().getFileName().toString();
	}

	@Override
	public InputSpec input() {
		return input;
	}

	@Override
	public List<Layer> layers() {
		return Collections.unmodifiableList(layers);
	}

	@Override
	public List<Layer> defaultLayers() {
		return Collections.unmodifiableList(defaultLayers);
	}

	/** The layer of a tensor name, or of a node name (its first output), called by the name as given. */
	@Override
	public Layer layer(String name) {
		String wanted = name.trim();
		int index = tensors.indexOf(wanted);
		if (index >= 0) return layers.get(index);
		index = tensors.indexOf(model.tensorOf(wanted));
		if (index < 0) throw model.notALayer(wanted);
		Layer tensor = layers.get(index);
		return new Layer(wanted, tensor.units(), tensor.height(), tensor.width(), tensor.fields());
	}

	@Override
	public int order(Layer layer) {
		try {
			return tensors.indexOf(model.tensorOf(layer.name()));
		}
		catch (IllegalArgumentException e) {
			return -1;
		}
	}

	/** What run.json records of this network: {@link #provenance(OnnxModel, InputSpec, String)}, the file hashed now. */
	public Map<String, Object> provenance() throws IOException {
		return provenance(model, input, Sha256.hexOf(model.source()));
	}

	/**
	 * The model file (or its bioimage.io package) and its SHA-256, and the input (size, channels, normalisation: mean
	 * and std, or the normalisation that replaces them): what run.json records, and what a merge rebuilds the network
	 * from.
	 */
	public static Map<String, Object> provenance(OnnxModel model, InputSpec input, String modelSha256) {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put(RunKeys.MODEL, model.source().toAbsolutePath().toString());
		facts.put(RunKeys.MODEL_SHA256, modelSha256);
		facts.put(RunKeys.INPUT_SIZE, input.size());
		facts.put(RunKeys.INPUT_CHANNELS, input.channels());
		List<Float> mean = new ArrayList<>();
		List<Float> std = new ArrayList<>();
		for (int c = 0; c < input.channels(); c++) {
			mean.add(input.mean(c)); // a float prints as the user's digits: 0.485, not 0.48500001430511475
			std.add(input.std(c));
		}
		if (!input.normalization().isNone()) facts.put(RunKeys.NORMALIZE, input.normalization().toString());
		else {
			facts.put(RunKeys.MEAN, mean);
			facts.put(RunKeys.STD, std);
		}
		return facts;
	}

	/** The tensor a layer of this network computes (its name where the user named a node). */
	public String tensorOf(Layer layer) {
		return model.tensorOf(layer.name());
	}

	@Override
	public Trunk openTrunk(List<Layer> chosen, ComputeDevice device, int threads, Precision precision,
		NetworkListener listener)
	{
		for (Layer layer : chosen)
			if (!has(layer)) throw new IllegalArgumentException(name() + " has no layer " + layer.name());
		TensorFlowRuntime.awaitNatives();
		listener.status("Importing " + model.source() + " (" + chosen.size() + " layer" + (chosen.size() == 1 ? "" : "s") +
			", input " + input + ")");
		return device.open(on -> {
			try {
				return new OnnxTrunk(model, input, chosen, on, threads, precision);
			}
			catch (OnnxFormatException e) {
				throw new IllegalStateException(e.getMessage(), e);
			}
		}, trunk -> trunk.forward(new float[input.floats()], 1), listener::gpuFallback);
	}

	private static Layer toLayer(String name, OnnxLayer layer) {
		LayerFields fields = layer.fields();
		if (fields == null || fields.channels() != layer.units())
			fields = LayerFields.notBox(layer.units(), "its channels do not map to units of a feature map");
		return new Layer(name, layer.units(), layer.mapHeight(), layer.mapWidth(), fields);
	}

	/** "resnet18.onnx at 224×224". */
	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s at %d×%d", name(), input.size(), input.size());
	}
}
