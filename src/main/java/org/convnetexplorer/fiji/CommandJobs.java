package org.convnetexplorer.fiji;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import javax.swing.JFileChooser;

import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.StatusBarListener;
import org.convnetexplorer.ij1.LayerChooser;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.options.FailureText;
import org.convnetexplorer.options.NetworkOptions;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;
import org.scijava.prefs.PrefService;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

import ij.io.OpenDialog;

/** How every ConvNet Explorer SciJava command runs its job and reports the outcome. */
final class CommandJobs {

	/** A job fed the Fiji status bar and the command's cancel. */
	interface Job<T> {
		T run(StatusBarListener listener) throws Exception;
	}

	private CommandJobs() {}

	/** {@link #run(String, StatusService, LogService, BooleanSupplier, Job, UIService, NetworkOptions)} with no advice. */
	static <T> T run(String what, StatusService status, LogService log, BooleanSupplier canceled, Job<T> job) {
		return run(what, status, log, canceled, job, null, null);
	}

	/**
	 * Runs the job; a failure is thrown (and logged by SciJava) so that {@code --run}, macros and CommandService callers
	 * see it, as "ConvNet Explorer [what ]failed: reason", with advice where the ImageJ weights could not be had; with
	 * a screen, it is also shown in a message wrapped to fit it.
	 *
	 * @param ui where to show the failure; null or headless: nowhere
	 * @param options the network options of the run, for advice on the weights; or null
	 */
	static <T> T run(String what, StatusService status, LogService log, BooleanSupplier canceled, Job<T> job,
		UIService ui, NetworkOptions options)
	{
		try {
			return job.run(new StatusBarListener(new ServiceStatusBar(status, log), canceled));
		}
		catch (Exception e) {
			status.clearStatus();
			String message = FailureText.withAdvice("ConvNet Explorer " + (what.isEmpty() ? "" : what + " ") +
				"failed: " + e.getMessage(), e, options);
			if (ui != null && !ui.isHeadless()) ui.showDialog(FailureText.wrap(message, FailureText.DIALOG_WIDTH),
				"ConvNet Explorer", DialogPrompt.MessageType.ERROR_MESSAGE);
			throw new IllegalStateException(message, e);
		}
	}

	/** The preference key under which a command that offers the run on screen remembers its output folder. */
	private static final String OUTPUT_KEY = "output";

	/**
	 * The output folder a dialog that takes a run starts from: the run of the explorer window used last, else the one
	 * remembered from the command's last run. For an {@code output} parameter with {@code persist = false}: SciJava
	 * would load a persisted value after the initializer and hide the run on screen.
	 */
	static File runOnScreenOrRemembered(PrefService prefs, Class<?> command) {
		Optional<Path> shown = ResultWindows.runOnScreen();
		if (shown.isPresent()) return shown.get().toFile();
		String remembered = prefs == null ? null : prefs.get(command, OUTPUT_KEY);
		return remembered == null || remembered.isEmpty() ? null : new File(remembered);
	}

	/** Remembers the output folder a command ran on, for {@link #runOnScreenOrRemembered}. */
	static void rememberOutput(PrefService prefs, Class<?> command, File output) {
		if (prefs != null && output != null) prefs.put(command, OUTPUT_KEY, output.getPath());
	}

	/** The one line that says what was written: in the Log and the status bar. */
	static void finished(String line, StatusService status, LogService log) {
		log.info(line);
		status.showStatus(line);
	}

	/**
	 * The layers text after the user picked from the list of the model's (AlexNet's without one) layers; the text as
	 * it was when they cancel or the model cannot be read.
	 */
	static String chooseLayers(String model, String layers, boolean several) {
		Network network = LayerChooser.networkOrSay(model == null ? "" : model);
		String chosen = network == null ? null : LayerChooser.choose(null, network, layers == null ? "" : layers,
			several);
		return chosen != null ? chosen : layers;
	}

	/**
	 * A file chosen with a chooser that opens where {@code current} lies (the remembered value), else in the user's
	 * last folder; {@code current} when the user cancels. For the text options that may name a file (model, weights).
	 */
	static String browseFile(String title, String current) {
		JFileChooser chooser = new JFileChooser();
		chooser.setDialogTitle(title);
		File file = current == null || current.isBlank() ? null : new File(current.trim());
		if (file != null && file.isFile()) chooser.setSelectedFile(file);
		else if (file != null && file.getParentFile() != null && file.getParentFile().isDirectory())
			chooser.setCurrentDirectory(file.getParentFile());
		else {
			String last = OpenDialog.getDefaultDirectory();
			if (last != null) chooser.setCurrentDirectory(new File(last));
		}
		return chooser.showOpenDialog(null) == JFileChooser.APPROVE_OPTION ? chooser.getSelectedFile().getPath() :
			current;
	}
}
