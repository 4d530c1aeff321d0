package org.convnetexplorer.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.Network;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that choose a network, shared by the commands that run one: an ONNX model, else AlexNet's weights. */
final class ModelOptions {

	@Option(names = "--model", paramLabel = "FILE.onnx",
		description = "An ONNX model to run instead of the built-in AlexNet (docs/models.md); `layers` lists its layers.")
	String model;

	@Option(names = "--input-size", paramLabel = "N", defaultValue = "0",
		description = "Input side in pixels for a model whose input size is open (default: the model's, else 224).")
	int inputSize;

	@Option(names = "--mean", paramLabel = "R,G,B",
		description = "A model's per-channel input mean, or one value (default: torchvision's ImageNet mean).")
	String mean;

	@Option(names = "--std", paramLabel = "R,G,B",
		description = "A model's per-channel input std, or one value (default: torchvision's ImageNet std).")
	String std;

	/**
	 * The network asked for: the model, else AlexNet with {@code weights}.
	 *
	 * @throws ParameterException for --model with --weights, or options that do not fit the model
	 * @throws IOException where the model cannot be used
	 */
	Network network(CommandSpec spec, String weights, Path cache) throws IOException {
		try {
			if (NetworkChoice.given(model) && spec.commandLine().getParseResult().hasMatchedOption("--weights"))
				throw new IllegalArgumentException("--model and --weights exclude each other: --weights is the built-in " +
					"AlexNet's, a model holds its own");
			return NetworkChoice.network(model, inputSize, mean, std, weights, cache);
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
	}
}
