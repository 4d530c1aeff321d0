package org.convnetexplorer.job;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.convnetexplorer.bioimage.BioimagePackage;
import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.onnx.OnnxNetwork;

/**
 * The network a front end asks for, as every front end (CLI, Fiji, ImageJ 1) collects it: an ONNX model with its input
 * size and normalisation, or (no model) the built-in AlexNet with its weights.
 */
public final class NetworkChoice {

	/** The input size that puts each image in at its own size. */
	public static final String NATIVE = "native";
	/** {@link #NATIVE} as {@link #parseInputSize} returns it. */
	public static final int AT_OWN_SIZE = -1;

	private NetworkChoice() {}

	/**
	 * The input size option: a side in pixels, 0 (the model's, else 224) or {@value #NATIVE} ({@link #AT_OWN_SIZE}).
	 *
	 * @throws IllegalArgumentException for anything else
	 */
	public static int parseInputSize(String text) {
		String size = text == null ? "" : text.trim();
		if (size.isEmpty()) return 0;
		if (size.equalsIgnoreCase(NATIVE)) return AT_OWN_SIZE;
		try {
			int side = Integer.parseInt(size);
			if (side >= 0) return side;
		}
		catch (NumberFormatException e) {
			// said below
		}
		throw new IllegalArgumentException("input size must be a side in pixels, 0 (the model's) or native, not '" +
			text + "'");
	}

	/** Whether a text option (a model, a mean) is given: not null, not blank. */
	public static boolean given(String option) {
		return option != null && !option.isBlank();
	}

	/**
	 * Reads the model, or names the built-in network.
	 *
	 * @param model an ONNX file or a bioimage.io package (.zip or rdf.yaml); null or blank for the built-in AlexNet
	 * @param inputSize input side in pixels for a model that leaves it open; 0: the model's, else 224;
	 *          {@link #AT_OWN_SIZE}: each image at its own size (mean and std then apply to samples divided by their
	 *          type's range, default 0 and 1; a normalisation, to the raw samples of the whole image)
	 * @param mean per-channel mean ("0.485,0.456,0.406", or one value); null or blank: torchvision's ImageNet values
	 * @param std per-channel std, as {@code mean}
	 * @param normalize bioimage.io's preprocessing steps ({@link Normalization#parse}) instead of mean and std; null
	 *            or blank: none (a package's own apply)
	 * @param weights the built-in AlexNet's weights: a .pth path, {@code imagenet} or {@code demo}
	 * @param cache where AlexNet's downloaded and extracted weights are kept
	 * @throws IllegalArgumentException for options that do not fit (input options without a model; a size the model
	 *           does not take; malformed values)
	 * @throws IOException where the model cannot be used: one line naming it and the reason
	 */
	public static Network network(String model, int inputSize, String mean, String std, String normalize,
		String weights, Path cache) throws IOException
	{
		if (!given(model)) {
			if (inputSize != 0 || given(mean) || given(std) || given(normalize))
				throw new IllegalArgumentException("input size, mean, std and normalize are for a model: the built-in " +
					"AlexNet takes " + AlexNet.INPUT);
			return new AlexNet(weights, cache);
		}
		Normalization normalization = Normalization.parse(normalize);
		if (!normalization.isNone() && (given(mean) || given(std)))
			throw new IllegalArgumentException("normalize replaces mean and std: give one or the other");
		return model(Paths.get(model.trim()), inputSize, OnnxNetwork.parseValues("mean", mean),
			OnnxNetwork.parseValues("std", std), normalization);
	}

	/** {@link #network(String, int, String, String, String, String, Path)} without a normalisation. */
	public static Network network(String model, int inputSize, String mean, String std, String weights, Path cache)
		throws IOException
	{
		return network(model, inputSize, mean, std, null, weights, cache);
	}

	/**
	 * An ONNX model, or a bioimage.io package (a .zip or .yaml file) checked against its test output.
	 *
	 * @param inputSize as for {@link #network(String, int, String, String, String, String, Path)}
	 * @param mean null for the default (a package: none applies)
	 * @param std as {@code mean}
	 */
	public static OnnxNetwork model(Path file, int inputSize, float[] mean, float[] std, Normalization normalization)
		throws IOException
	{
		if (inputSize == AT_OWN_SIZE) return BioimagePackage.isPackage(file)
			? BioimagePackage.open(file).networkAtOwnSize(mean, std, normalization)
			: OnnxNetwork.openAtOwnSize(file, mean, std, normalization);
		if (BioimagePackage.isPackage(file))
			return BioimagePackage.open(file).network(inputSize, mean, std, normalization);
		return OnnxNetwork.open(file, inputSize, mean, std, normalization);
	}
}
