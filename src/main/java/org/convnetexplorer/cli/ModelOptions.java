package org.convnetexplorer.cli;

import java.io.IOException;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.Network;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that choose an ONNX model instead of the built-in AlexNet, shared by the commands that run a network. */
final class ModelOptions {

	@Option(names = "--model", paramLabel = "FILE.onnx|PACKAGE.zip|rdf.yaml",
		description = "An ONNX model, or a bioimage.io model package with ONNX weights, to run instead of the built-in " +
			"AlexNet (docs/models.md); `layers` lists its layers.")
	String model;

	@Option(names = "--input-size", paramLabel = "N|native", defaultValue = "0",
		description = "Input side in pixels for a model whose input size is open (default: the model's, else 224; at " +
			"most " + InputSpec.MAX_SIZE + "); scan: native puts each image in at its own size, in tiles (docs/models.md).")
	String inputSize;

	/** --input-size as a number ({@link NetworkChoice#AT_OWN_SIZE} for native). @throws ParameterException */
	int inputSize(CommandSpec spec) {
		try {
			return NetworkChoice.parseInputSize(inputSize);
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
	}

	@Option(names = "--mean", paramLabel = "R,G,B",
		description = "A model's per-channel input mean, or one value (default: torchvision's ImageNet mean).")
	String mean;

	@Option(names = "--std", paramLabel = "R,G,B",
		description = "A model's per-channel input std, or one value (default: torchvision's ImageNet std).")
	String std;

	@Option(names = "--normalize", paramLabel = "STEP[;STEP...]",
		description = "A model's input normalisation per image and channel instead of --mean/--std, as bioimage.io's " +
			"preprocessing: scale_range[:LOW,HIGH] (percentiles; default 1,99.8), zero_mean_unit_variance, " +
			"scale_linear:GAIN,OFFSET, clip:MIN,MAX, separated by ';' (a bioimage.io package brings its own).")
	String normalize;

	/**
	 * The model, else the built-in AlexNet (for its layers: without weights).
	 *
	 * @throws ParameterException for options that do not fit the model
	 * @throws IOException where the model cannot be used
	 */
	Network network(CommandSpec spec) throws IOException {
		try {
			return NetworkChoice.network(model, inputSize(spec), mean, std, normalize, null, null);
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
	}
}
