package org.convnetexplorer.options;

import org.convnetexplorer.weights.WeightsException;
import org.convnetexplorer.weights.WeightsSource;

/**
 * A failure told in a dialog: wrapped to fit the screen, and, where the ImageNet weights could not be had (a first
 * run without network, where they are the default), how to go on: the bundled demo network, or where the file goes.
 */
public final class FailureText {

	/** Characters per line in a dialog: ImageJ's message box is as wide as its longest line. */
	public static final int DIALOG_WIDTH = 80;

	private FailureText() {}

	/** {@code message}, with the advice {@link #adviceFor} gives, if any. */
	public static String withAdvice(String message, Throwable failure, NetworkOptions options) {
		String advice = adviceFor(failure, options);
		return advice == null ? message : message + "\n" + advice;
	}

	/** How to go on when the ImageNet weights could not be had; null for any other failure. */
	public static String adviceFor(Throwable failure, NetworkOptions options) {
		if (options == null || !WeightsSource.IMAGENET.equals(options.weights.trim())) return null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause())
			if (cause instanceof WeightsException) {
				return "To try ConvNet Explorer without network, set Weights to demo (weights=demo in a macro): a small " +
					"network bundled with it. ImageNet's weights go into " + options.weightsFolder() + ".";
			}
		return null;
	}

	/** The text in lines of at most {@code width} characters, broken at spaces (a longer word keeps its own line). */
	public static String wrap(String text, int width) {
		StringBuilder wrapped = new StringBuilder();
		for (String paragraph : text.split("\n", -1)) {
			if (wrapped.length() > 0) wrapped.append('\n');
			int lineStart = wrapped.length();
			for (String word : paragraph.split(" ")) {
				int lineLength = wrapped.length() - lineStart;
				if (lineLength > 0 && lineLength + 1 + word.length() > width) {
					wrapped.append('\n');
					lineStart = wrapped.length();
				}
				else if (lineLength > 0) wrapped.append(' ');
				wrapped.append(word);
			}
		}
		return wrapped.toString();
	}
}
