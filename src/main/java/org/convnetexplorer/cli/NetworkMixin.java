package org.convnetexplorer.cli;

import java.nio.file.Path;

import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.options.NetworkOptions;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The network of the commands that run one (scan, occlusion, bench-network): an ONNX model ({@link ModelOptions}),
 * else the built-in AlexNet with its weights, and where downloaded weights are kept.
 */
final class NetworkMixin {

	@Option(names = "--weights", paramLabel = "FILE.pth|imagenet|demo", defaultValue = JobSettings.WEIGHTS,
		description = "PyTorch state dict of torchvision's AlexNet; 'imagenet' downloads torchvision's ImageNet weights " +
			"(233 MB, once); 'demo' is the bundled demo network (default: ${DEFAULT-VALUE}).")
	String weights;

	@Mixin
	ModelOptions model;

	@Option(names = "--cache", paramLabel = "DIR",
		description = "Where downloaded weights are kept (default: $CONVNET_EXPLORER_CACHE, else ~/.cache/convnet-explorer).")
	Path cache;

	/**
	 * Copies the options into {@code options}.
	 *
	 * @throws ParameterException for --model with --weights: a model holds its own
	 */
	<T extends NetworkOptions> T into(CommandSpec spec, T options) {
		if (NetworkChoice.given(model.model) && spec.commandLine().getParseResult().hasMatchedOption("--weights"))
			throw new ParameterException(spec.commandLine(), "--model and --weights exclude each other: --weights is " +
				"the built-in AlexNet's, a model holds its own");
		options.model = model.model == null ? "" : model.model;
		options.input = model.inputSize(spec);
		options.mean = model.mean == null ? "" : model.mean;
		options.std = model.std == null ? "" : model.std;
		options.normalize = model.normalize == null ? "" : model.normalize;
		options.weights = weights;
		options.cache = cache;
		return options;
	}
}
