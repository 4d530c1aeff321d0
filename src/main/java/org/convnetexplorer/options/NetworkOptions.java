package org.convnetexplorer.options;

import java.io.IOException;
import java.nio.file.Path;

import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.weights.WeightsCache;
import org.convnetexplorer.weights.WeightsSource;

/**
 * The options that choose the network, shared by the jobs that run one (scan, occlusion), with their labels, stated
 * once for every front end: the ImageJ 1 dialogs (whose key is a label's first word) and Fiji's commands (whose key is
 * the field's name).
 */
public class NetworkOptions {

	public static final String MODEL_LABEL = "Model (an ONNX file or bioimage.io package; empty = AlexNet)";
	public static final String MODEL_DESCRIPTION = "An ONNX model, or a bioimage.io model package with ONNX weights " +
		"(its .zip or rdf.yaml), to run instead of the built-in AlexNet (see docs/models.md); empty for AlexNet";
	/** The title of the file chooser that picks a model. */
	public static final String MODEL_CHOOSER_TITLE = "ONNX model or bioimage.io package (.zip, rdf.yaml)";
	public static final String WEIGHTS_LABEL = "Weights (imagenet, demo or a .pth path)";
	public static final String WEIGHTS_DESCRIPTION = "imagenet (downloaded once into Fiji.app/models/convnet-explorer), " +
		"demo (small bundled network, offline) or the path of a PyTorch .pth file";
	public static final String INPUT_LABEL = "Input size (a model's; 0 = its own or 224)";
	/** A scan's input size, which may also be native: each image at its own size. */
	public static final String SCAN_INPUT_LABEL = "Input size (a model's; 0 = its own or 224; native = each image's)";
	public static final String MEAN_LABEL = "Mean (a model's input; empty = ImageNet's)";
	public static final String STD_LABEL = "Std (a model's input; empty = ImageNet's)";
	public static final String NORMALIZE_LABEL = "Normalize (a model's input, e.g. scale_range:1,99.8; empty = mean/std)";
	public static final String NORMALIZE_DESCRIPTION = "bioimage.io's preprocessing per image and channel instead of " +
		"mean and std: steps separated by ';' of scale_range:LOW,HIGH (percentiles), zero_mean_unit_variance, " +
		"scale_linear:GAIN,OFFSET, clip:MIN,MAX (docs/models.md); a bioimage.io package brings its own";

	/** In Fiji and ImageJ the real network is the default: the demo network exists for offline first steps. */
	public static final String WEIGHTS_IN_IMAGEJ = WeightsSource.IMAGENET;

	/** An ONNX model or a bioimage.io package; empty: the built-in AlexNet. */
	public String model = "";
	public String weights = WEIGHTS_IN_IMAGEJ;
	/**
	 * A model's input side where it leaves it open; 0: the model's, else 224; {@link NetworkChoice#AT_OWN_SIZE}: each
	 * image at its own size (a scan's "native").
	 */
	public int input;
	/** A model's per-channel mean and std; empty: torchvision's ImageNet values. */
	public String mean = "";
	public String std = "";
	/** A model's input normalisation instead of mean and std ({@code Normalization}'s text); empty: none. */
	public String normalize = "";
	/** Where downloaded weights are kept; null: the per-user cache (ImageJ sets {@link WeightsFolder#forImageJ()}). */
	public Path cache;

	/**
	 * The network a model option names (the built-in AlexNet when blank), to list its layers: no weights are read.
	 *
	 * @throws IllegalArgumentException for a malformed option
	 * @throws IOException where the model cannot be used
	 */
	public static Network layersOf(String model) throws IOException {
		return NetworkChoice.network(model, 0, null, null, WeightsSource.DEMO, null);
	}

	/** The weights' folder: {@link #cache}, else the per-user cache. */
	public Path weightsFolder() {
		return cache != null ? cache : WeightsCache.defaultDirectory();
	}

	/**
	 * The model, else AlexNet with {@link #weights}.
	 *
	 * @throws IllegalArgumentException for options that do not fit
	 * @throws IOException where the model cannot be used
	 */
	public Network network() throws IOException {
		if (atOwnSize() && !takesOwnSize()) throw new IllegalArgumentException(
			"input size native is for scans (top patches): use a size in pixels here");
		return NetworkChoice.network(model, input, mean, std, normalize, weights.trim(), weightsFolder());
	}

	/** Whether the job takes images at their own size (input size native). */
	protected boolean takesOwnSize() {
		return false;
	}

	/** Whether the input size is native. */
	public boolean atOwnSize() {
		return input == NetworkChoice.AT_OWN_SIZE;
	}
}
