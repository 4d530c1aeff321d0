package org.convnetexplorer.imagej;

import org.convnetexplorer.weights.WeightsSource;

/**
 * The options that choose the network, shared by the plugins that run one (Top Patches, Occlusion Sensitivity), with
 * their labels, stated once for both front ends: the ImageJ 1 dialogs (whose key is a label's first word) and Fiji's
 * commands (whose key is the field's name).
 */
public abstract class NetworkOptions {

	public static final String MODEL_LABEL = "Model (an ONNX file; empty = AlexNet)";
	public static final String MODEL_DESCRIPTION = "An ONNX model to run instead of the built-in AlexNet (see " +
		"docs/models.md); empty for AlexNet";
	public static final String WEIGHTS_LABEL = "Weights (imagenet, demo or a .pth path)";
	public static final String WEIGHTS_DESCRIPTION = "imagenet (downloaded once into Fiji.app/models/convnet-explorer), " +
		"demo (small bundled network, offline) or the path of a PyTorch .pth file";
	public static final String INPUT_LABEL = "Input size (a model's; 0 = its own or 224)";
	public static final String MEAN_LABEL = "Mean (a model's input; empty = ImageNet's)";
	public static final String STD_LABEL = "Std (a model's input; empty = ImageNet's)";

	/** An ONNX model; empty: the built-in AlexNet. */
	public String model = "";
	/** In Fiji the real network is the default: the demo network exists for offline first steps. */
	public String weights = WeightsSource.IMAGENET;
	/** A model's input side where it leaves it open; 0: the model's, else 224. */
	public int input;
	/** A model's per-channel mean and std; empty: torchvision's ImageNet values. */
	public String mean = "";
	public String std = "";
}
