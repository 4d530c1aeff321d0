package org.convnetexplorer.job;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.onnx.OnnxNetwork;

/**
 * The network a front end asks for, as every front end (CLI, Fiji, ImageJ 1) collects it: an ONNX model with its input
 * size and normalisation, or (no model) the built-in AlexNet with its weights.
 */
public final class NetworkChoice {

	/** An ONNX file; null or blank for the built-in AlexNet. */
	public String model;
	/** Input side in pixels for a model that leaves it open; 0: the model's, else 224. */
	public int inputSize;
	/** Per-channel mean ("0.485,0.456,0.406", or one value); blank: torchvision's ImageNet values. */
	public String mean;
	/** Per-channel std, as {@link #mean}. */
	public String std;
	/** The built-in AlexNet's weights: a .pth path, {@code imagenet} or {@code demo}. */
	public String weights = "demo";
	/** Where AlexNet's downloaded and extracted weights are kept. */
	public Path cache;

	public boolean isModel() {
		return model != null && !model.isBlank();
	}

	/**
	 * Reads the model (or names the built-in network).
	 *
	 * @throws IllegalArgumentException for options that do not fit (input options without a model; a size the model
	 *           does not take; malformed values)
	 * @throws IOException where the model cannot be used: one line naming it and the reason
	 */
	public Network network() throws IOException {
		if (!isModel()) {
			if (inputSize != 0 || mean != null && !mean.isBlank() || std != null && !std.isBlank())
				throw new IllegalArgumentException("input size, mean and std are for a model: the built-in AlexNet " +
					"takes " + AlexNet.INPUT);
			return new AlexNet(weights, cache);
		}
		float[] means = OnnxNetwork.parseValues("mean", mean);
		float[] stds = OnnxNetwork.parseValues("std", std);
		return OnnxNetwork.open(Paths.get(model.trim()), inputSize, means, stds);
	}
}
