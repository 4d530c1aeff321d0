package org.convnetexplorer.explorer.window;

import java.awt.EventQueue;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import javax.swing.JComponent;

import ij.ImageJ;

/**
 * Not a test: starts ImageJ, then opens a finished run's explorer window and prints how long it took to open (until
 * drawn; the first open of the JVM, our classes loading, and a second), to switch unit
 * and layer (the model's change and the redraw of the panes it touches, on the event thread), and the heap the
 * window holds after a full collection. Run by scripts/bench-explorer on a display (Xvfb).
 * Args: run folder, [switches per measurement].
 */
public final class ExplorerBenchmark {

	private ExplorerBenchmark() {}

	public static void main(String[] args) throws Exception {
		Path run = Paths.get(args[0]);
		int switches = args.length > 1 ? Integer.parseInt(args[1]) : 50;
		// As show and Fiji do: ImageJ (and with it AWT) is up before the window opens.
		long start = System.nanoTime();
		EventQueue.invokeAndWait(ImageJ::new);
		double imagej = millis(start);
		long heapBefore = usedHeapAfterGc();

		start = System.nanoTime();
		ExplorerWindow window = ExplorerWindow.open(run, null);
		EventQueue.invokeAndWait(() -> paint(window));
		double openCold = millis(start);
		EventQueue.invokeAndWait(window::dispose);
		start = System.nanoTime();
		ExplorerWindow again = ExplorerWindow.open(run, null);
		EventQueue.invokeAndWait(() -> paint(again));
		double openWarm = millis(start);

		int units = again.model.units();
		double[] unitSwitch = new double[switches];
		for (int i = 0; i < switches; i++) {
			int unit = (i * 37 + 1) % units;
			long t = System.nanoTime();
			EventQueue.invokeAndWait(() -> {
				again.model.selectUnit(unit);
				paint(again);
			});
			unitSwitch[i] = millis(t);
		}
		List<String> layers = again.model.layers();
		double[] layerSwitch = new double[switches];
		for (int i = 0; i < switches; i++) {
			String layer = layers.get((i + 1) % layers.size());
			long t = System.nanoTime();
			EventQueue.invokeAndWait(() -> {
				again.model.selectLayer(layer);
				paint(again);
			});
			layerSwitch[i] = millis(t);
		}
		Thread.sleep(2000); // thumbnails in flight
		long heap = usedHeapAfterGc() - heapBefore;
		int rows = again.model.run.rows().size();
		System.out.printf("run %s: %d layers, %d units, %d topk rows, images scanned %s%n", run, layers.size(),
			layers.stream().mapToInt(l -> {
				again.model.selectLayer(l);
				return again.model.units();
			}).sum(), rows, again.model.run.json().has("images_scanned") ? again.model.run.json().integer(
				"images_scanned") : -1);
		System.out.printf("ImageJ start %.0f ms (not counted); first open, until drawn %.0f ms; open again %.0f ms%n",
			imagej, openCold, openWarm);
		System.out.printf("unit switch: median %.1f ms, max %.1f ms (%d switches, %s)%n", median(unitSwitch),
			max(unitSwitch), switches, again.model.layer());
		System.out.printf("layer switch: median %.1f ms, max %.1f ms (%d switches)%n", median(layerSwitch),
			max(layerSwitch), switches);
		System.out.printf("window heap (used after full GC, less the JVM's before opening): %.1f MB%n", heap / 1e6);
		System.exit(0);
	}

	private static void paint(ExplorerWindow window) {
		JComponent root = window.getRootPane();
		root.paintImmediately(0, 0, root.getWidth(), root.getHeight());
	}

	private static double millis(long start) {
		return (System.nanoTime() - start) / 1e6;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElse(0);
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}
}
