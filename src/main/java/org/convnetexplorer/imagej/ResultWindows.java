package org.convnetexplorer.imagej;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.explorer.UnitAddress;
import org.convnetexplorer.explorer.window.ExplorerWindow;
import org.convnetexplorer.explorer.window.ScanWindow;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.process.ColorProcessor;

/**
 * Shows results: a run in its explorer window (one per run; the per-layer stacks, overviews and the table open as ImageJ
 * images from its menu), deconvnet stacks, occlusion maps. Headless, nothing opens: the output folder holds the same.
 */
public final class ResultWindows {

	private ResultWindows() {}

	public static boolean canShow() {
		return !GraphicsEnvironment.isHeadless();
	}

	/** The run's explorer window, brought forward if it is shown; a folder that cannot be read is said in the Log. */
	public static void show(ResultsView view) {
		if (!canShow()) return;
		try {
			ExplorerWindow.open(view.outputFolder, null);
		}
		catch (IOException e) {
			IJ.log("ConvNet Explorer: cannot show " + view.outputFolder + ": " + e.getMessage());
		}
	}

	/** A job fed a listener. */
	public interface Job<T> {
		T run(JobListener listener) throws Exception;
	}

	/**
	 * Runs a scan into {@code output} with its progress, time left and Stop in a window of its own, which gives way to
	 * the run's explorer window when it ends ({@link #show}); headless, the job runs as it is.
	 *
	 * @param listener ImageJ's status bar: it hears the scan too, and its cancel (Esc) still stops it
	 */
	public static <T> T withScanWindow(Path output, JobListener listener, Job<T> scan) throws Exception {
		if (!canShow()) return scan.run(listener);
		ScanWindow window = ScanWindow.open(output);
		try {
			return scan.run(window.listener(listener));
		}
		finally {
			window.close();
		}
	}

	/** The run whose explorer window the user was in last, for the dialogs that take a run to offer it. */
	public static Optional<Path> runOnScreen() {
		return canShow() ? ExplorerWindow.runOnScreen() : Optional.empty();
	}

	/**
	 * The run's explorer window at a unit, as the {@code Show ConvNet Unit} command and {@code show --unit} ask.
	 *
	 * @throws IOException when the folder is no readable run
	 * @throws IllegalArgumentException for a layer or unit the run does not have
	 */
	public static void showUnit(Path output, UnitAddress address) throws IOException {
		if (!canShow()) return;
		ExplorerWindow window = ExplorerWindow.open(output, null);
		window.goToOrFail(address);
	}

	public static void showDeconv(Collection<Montage> stacks) {
		if (!canShow()) return;
		for (Montage stack : stacks)
			MontageFiles.toImagePlus(stack).show();
	}

	public static void showOcclusion(OcclusionJob.Outcome outcome) {
		if (!canShow()) return;
		for (ImagePlus image : occlusionImages(outcome))
			image.show();
	}

	/**
	 * The input the network saw, in colour, with the overlay PNG as an ImageJ overlay, and the float maps. An overlay
	 * rather than the PNG alone: hiding it (Image › Overlay › Hide Overlay) shows the colour input at the same place,
	 * which the PNG only has in grey, and measurements read the input's pixels, not the blend.
	 */
	public static List<ImagePlus> occlusionImages(OcclusionJob.Outcome outcome) {
		RgbImage input = outcome.input;
		ImagePlus withOverlay = new ImagePlus(outcome.overlay.getTitle(),
			new ColorProcessor(input.width(), input.height(), input.pixels()));
		withOverlay.setOverlay(new Overlay(new ImageRoi(0, 0, outcome.overlay.getProcessor())));
		return List.of(withOverlay, outcome.maps);
	}
}
