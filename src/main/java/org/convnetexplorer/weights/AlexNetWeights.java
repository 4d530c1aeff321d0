package org.convnetexplorer.weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights of torchvision's AlexNet convolution layers conv1 to conv5, read from a state dict
 * file. Its {@code features.*} keys are used; everything else (the classifier) is ignored.
 */
public final class AlexNetWeights {

	/** torchvision's AlexNet: where each conv layer sits in {@code features}, and its kernel shape. */
	private static final List<LayerSpec> LAYERS = List.of(
		new LayerSpec("conv1", "features.0", 64, 3, 11),
		new LayerSpec("conv2", "features.3", 192, 64, 5),
		new LayerSpec("conv3", "features.6", 384, 192, 3),
		new LayerSpec("conv4", "features.8", 256, 384, 3),
		new LayerSpec("conv5", "features.10", 256, 256, 3));

	private final List<ConvWeights> layers;

	private AlexNetWeights(List<ConvWeights> layers) {
		this.layers = Collections.unmodifiableList(layers);
	}

	/** The convolution called {@code name}, "conv1" to "conv5", as the state dict holds it. */
	public static LayerSpec spec(String name) {
		for (LayerSpec spec : LAYERS) {
			if (spec.layer.equals(name)) return spec;
		}
		throw new IllegalArgumentException("AlexNet has no layer " + name + "; its layers are conv1 to conv5");
	}

	/** Reads and checks the weights of {@code pth}, a state dict file of either torch format. */
	public static AlexNetWeights load(Path pth) throws WeightsException {
		Set<String> keys = new HashSet<>();
		for (LayerSpec spec : LAYERS) {
			keys.add(spec.weightKey());
			keys.add(spec.biasKey());
		}
		Map<String, TorchTensor> tensors = TorchStateDict.read(pth, keys::contains);
		List<ConvWeights> layers = new ArrayList<>();
		for (LayerSpec spec : LAYERS) {
			long[] kernelShape = { spec.outChannels, spec.inChannels, spec.kernelSize, spec.kernelSize };
			float[] kernel = checkedValues(tensors, spec.weightKey(), kernelShape, pth);
			float[] bias = checkedValues(tensors, spec.biasKey(), new long[] { spec.outChannels }, pth);
			layers.add(new ConvWeights(spec.layer, spec.outChannels, spec.inChannels, spec.kernelSize, kernel, bias));
		}
		return new AlexNetWeights(layers);
	}

	/** conv1 to conv5, in order. */
	public List<ConvWeights> layers() {
		return layers;
	}

	/** The layer called {@code name}, "conv1" to "conv5". */
	public ConvWeights layer(String name) {
		return layers.get(LAYERS.indexOf(spec(name)));
	}

	private static float[] checkedValues(Map<String, TorchTensor> tensors, String key, long[] expectedShape, Path pth)
		throws WeightsException
	{
		TorchTensor tensor = tensors.get(key);
		if (tensor == null) {
			throw new WeightsException(pth, "it has no " + key + "; an AlexNet state dict has the weight and bias of " +
				"features.0, features.3, features.6, features.8 and features.10");
		}
		if (!Arrays.equals(tensor.shape(), expectedShape)) {
			throw new WeightsException(pth, key + " has shape " + Arrays.toString(tensor.shape()) + ", expected " +
				Arrays.toString(expectedShape));
		}
		float[] values = tensor.values();
		requireFinite(pth, key, tensor.shape(), values);
		return values;
	}

	/**
	 * Refuses a NaN or infinite value (float32 has no room for some float64 values either): one spreads through
	 * every layer after it and leaves units that never fire, a result that looks real.
	 */
	private static void requireFinite(Path file, String key, long[] shape, float[] values) throws WeightsException {
		for (int i = 0; i < values.length; i++) {
			if (Float.isFinite(values[i])) continue;
			long[] index = new long[shape.length];
			for (int d = shape.length - 1, rest = i; d >= 0; d--) {
				index[d] = rest % shape[d];
				rest /= shape[d];
			}
			throw new WeightsException(file, key + " holds " + (Float.isNaN(values[i]) ? "NaN" : "an infinite value") +
				" at " + Arrays.toString(index) + ": weights must be finite numbers");
		}
	}

	/** A convolution's place in the state dict and its kernel's shape. */
	public static final class LayerSpec {

		public final String layer;
		public final String stateDictPrefix;
		public final int outChannels;
		public final int inChannels;
		public final int kernelSize;

		LayerSpec(String layer, String stateDictPrefix, int outChannels, int inChannels, int kernelSize) {
			this.layer = layer;
			this.stateDictPrefix = stateDictPrefix;
			this.outChannels = outChannels;
			this.inChannels = inChannels;
			this.kernelSize = kernelSize;
		}

		String weightKey() {
			return stateDictPrefix + ".weight";
		}

		String biasKey() {
			return stateDictPrefix + ".bias";
		}
	}
}
