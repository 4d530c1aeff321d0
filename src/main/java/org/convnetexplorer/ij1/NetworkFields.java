package org.convnetexplorer.ij1;

import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.options.NetworkOptions;
import org.convnetexplorer.options.ScanOptions;

/**
 * The dialog fields of {@link NetworkOptions}, declared once for every plugin that runs a network, in two parts: Top
 * Patches puts its layers between them.
 */
final class NetworkFields {

	private NetworkFields() {}

	/** Model and weights, each with a Browse button: both may be files. */
	static <T extends NetworkOptions> DialogForm<T> modelAndWeights(DialogForm<T> form) {
		return form.textOrFile(NetworkOptions.MODEL_LABEL, o -> o.model, (o, v) -> o.model = v)
			.textOrFile(NetworkOptions.WEIGHTS_LABEL, o -> o.weights, (o, v) -> o.weights = v);
	}

	/** A model's input: its size and normalisation. */
	static <T extends NetworkOptions> DialogForm<T> input(DialogForm<T> form) {
		return normalisation(form.integer(NetworkOptions.INPUT_LABEL, o -> o.input, (o, v) -> o.input = v));
	}

	/** A scan's input: its size, which may be native (each image at its own size), and normalisation. */
	static DialogForm<ScanOptions> scanInput(DialogForm<ScanOptions> form) {
		return normalisation(form.text(NetworkOptions.SCAN_INPUT_LABEL, ScanOptions::inputText,
			(o, v) -> o.input = NetworkChoice.parseInputSize(v)));
	}

	private static <T extends NetworkOptions> DialogForm<T> normalisation(DialogForm<T> form) {
		return form.text(NetworkOptions.MEAN_LABEL, o -> o.mean, (o, v) -> o.mean = v)
			.text(NetworkOptions.STD_LABEL, o -> o.std, (o, v) -> o.std = v)
			.text(NetworkOptions.NORMALIZE_LABEL, o -> o.normalize, (o, v) -> o.normalize = v);
	}
}
