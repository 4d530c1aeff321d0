package org.convnetexplorer.fiji;

import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

/**
 * Child-JVM main for the explorer window test, on ij.jar alone (the plugin comes from the ImageJ folder, as for a user,
 * so its classes are reached by component names and reflection): runs the scan macro, then drives the window with real
 * key presses and clicks (java.awt.Robot, xdotool for text), and writes what it saw as a properties file.
 */
public final class ExplorerGuiDriver {

	static Robot robot;

	private ExplorerGuiDriver() {}

	/**
	 * Args: scan macro, output folder, report file, screenshot folder, unit to type, rank to click, and "alexnet" (the
	 * whole tour) or "onnx" (a model's run: the chooser, the projections toggle, a unit's own field).
	 */
	public static void main(String[] args) throws Exception {
		Properties report = new Properties();
		Path output = Paths.get(args[1]);
		Path shots = Paths.get(args[3]);
		try {
			robot = new Robot();
			robot.setAutoDelay(30);
			new ImageJ();
			IJ.runMacro(args[0]);
			Frame window = waitFor("the explorer window after the scan", () -> single(explorerWindows(output)));
			report.setProperty("windows.afterScan", String.valueOf(explorerWindows(output).size()));
			report.setProperty("title", window.getTitle());
			if (args[6].equals("onnx")) {
				onnx(window, args[4], Integer.parseInt(args[5]), report);
				screenshot(shots.resolve("explorer-window-onnx.png"));
				return;
			}
			keyboard(window, args[4], report);
			clickPatch(window, Integer.parseInt(args[5]), report);
			screenshot(shots.resolve("explorer-window.png"));
			openInImageJ(window, report);
			openTwice(output, report);
			recordAndReplay(window, output, report);
			projection(output, report, shots);
			figureAndOcclusion(output, report, shots);
			dialogOffersTheRun(window, report);
		}
		catch (Throwable e) {
			report.setProperty("error", e.toString());
			e.printStackTrace();
			screenshot(shots.resolve("explorer-failure.png"));
		}
		finally {
			try (Writer out = Files.newBufferedWriter(Paths.get(args[2]))) {
				report.store(out, null);
			}
			System.exit(0);
		}
	}

	/** A model's run: what the chooser shows of a long layer name, the toggle's reason, a typed unit's field. */
	private static void onnx(Frame window, String unit, int rank, Properties report) throws Exception {
		JComboBox<?> layer = find(window, "layer");
		@SuppressWarnings("unchecked")
		JComboBox<Object> chooser = (JComboBox<Object>) layer;
		String shown = onEventThread(() -> ((JLabel) chooser.getRenderer().getListCellRendererComponent(new JList<>(),
			chooser.getSelectedItem(), 0, false, false)).getText());
		report.setProperty("layer.shown", shown);
		report.setProperty("layer.tooltip", layer.getToolTipText());
		Component projections = find(window, "modeProjections");
		report.setProperty("projections.enabled", String.valueOf(projections.isEnabled()));
		report.setProperty("projections.tooltip", ((JComponent) projections).getToolTipText());
		JTextField unitField = find(window, "unit");
		JList<?> grid = find(window, "units");
		typeUnit(unitField, grid, unit);
		clickPatch(window, rank, report);
		openInImageJ(window, report);
	}

	/** "Open in ImageJ": the source image as an ImageJ image with the field as its selection. */
	private static void openInImageJ(Frame window, Properties report) throws Exception {
		click(find(window, "openInImageJ"));
		ImagePlus image = waitFor("the source image in ImageJ", () -> {
			ImagePlus current = WindowManager.getCurrentImage();
			return current != null && current.getRoi() != null ? current : null;
		});
		Rectangle roi = image.getRoi().getBounds();
		report.setProperty("imagej.title", image.getTitle());
		report.setProperty("imagej.roi", roi.x + "," + roi.y + "," + roi.width + "," + roi.height);
		image.changes = false;
		image.close();
	}

	/** PgDn to the next layer; the unit typed into the unit field and Enter; then → in the grid. */
	private static void keyboard(Frame window, String unit, Properties report) throws Exception {
		JComboBox<?> layer = find(window, "layer");
		JTextField unitField = find(window, "unit");
		JList<?> grid = find(window, "units");
		report.setProperty("layer.first", String.valueOf(layer.getSelectedItem()));
		click(unitField);
		key(KeyEvent.VK_PAGE_DOWN);
		waitFor("PgDn to change the layer", () -> !layer.getSelectedItem().equals(report.getProperty("layer.first")));
		report.setProperty("layer.afterPageDown", String.valueOf(layer.getSelectedItem()));
		typeUnit(unitField, grid, unit);
		report.setProperty("unit.typed", String.valueOf(grid.getSelectedValue()));
		Rectangle cell = onEventThread(() -> grid.getCellBounds(grid.getSelectedIndex(), grid.getSelectedIndex()));
		click(grid, cell.x + cell.width / 2, cell.y + cell.height / 2);
		key(KeyEvent.VK_RIGHT);
		waitFor("→ to move in the grid", () -> !String.valueOf(grid.getSelectedValue()).equals(unit));
		report.setProperty("unit.afterRight", String.valueOf(grid.getSelectedValue()));
		report.setProperty("unitField.afterRight", unitField.getText());
	}

	/** Selects the unit field's text, types the unit's number and Enter, and waits for the grid to select it. */
	static void typeUnit(JTextField unitField, JList<?> grid, String unit) throws Exception {
		click(unitField);
		robot.keyPress(KeyEvent.VK_CONTROL);
		key(KeyEvent.VK_A);
		robot.keyRelease(KeyEvent.VK_CONTROL);
		for (char digit : unit.toCharArray())
			key(KeyEvent.VK_0 + digit - '0');
		key(KeyEvent.VK_ENTER);
		waitFor("Enter to go to unit " + unit, () -> String.valueOf(grid.getSelectedValue()).equals(unit));
	}

	/** Clicks the patch of a rank; reports the source pane's image, the field's rectangle and the message line. */
	static void clickPatch(Frame window, int rank, Properties report) throws Exception {
		Component patches = find(window, "patches");
		Component source = find(window, "source");
		JLabel message = find(window, "message");
		Rectangle cell = (Rectangle) call(patches, "cellOf", rank);
		click(patches, cell.x + cell.width / 2, cell.y + cell.height / 2);
		waitFor("the source image after the click", () -> call(source, "image") != null &&
			message.getText().contains(", rank " + rank + ":"));
		Thread.sleep(500);
		BufferedImage image = (BufferedImage) call(source, "image");
		report.setProperty("source.size", image.getWidth() + "x" + image.getHeight());
		report.setProperty("source.pixels", String.valueOf(hash(image)));
		Rectangle field = (Rectangle) call(source, "fieldOnScreen");
		report.setProperty("field.screen", field.width + "x" + field.height);
		Point origin = source.getLocationOnScreen();
		Color edge = robot.getPixelColor(origin.x + field.x + field.width / 2, origin.y + field.y);
		report.setProperty("field.edgeColour", edge.getRed() + "," + edge.getGreen() + "," + edge.getBlue());
		report.setProperty("message", message.getText());
	}

	/** Open Results twice for the same folder: still one window. */
	private static void openTwice(Path output, Properties report) throws Exception {
		for (int i = 0; i < 2; i++)
			IJ.runMacro("run(\"Open ConvNet Explorer Results...\", \"output=[" + output + "]\");");
		Thread.sleep(500);
		report.setProperty("windows.afterOpeningTwice", String.valueOf(explorerWindows(output).size()));
	}

	/**
	 * With ImageJ's recorder on, the Show ConvNet Unit command from the menu, its dialog filled by typing; the recorded
	 * line, run as a macro after the window is closed, opens the window at that unit again.
	 */
	private static void recordAndReplay(Frame window, Path output, Properties report) throws Exception {
		Recorder recorder = onEventThread(() -> new Recorder());
		new Thread(() -> IJ.doCommand("Show ConvNet Unit")).start();
		GenericDialog dialog = waitFor("the Show ConvNet Unit dialog", () -> {
			for (Window w : Window.getWindows())
				if (w instanceof GenericDialog && w.isShowing() && ((Dialog) w).getTitle().equals("Show ConvNet Unit"))
					return (GenericDialog) w;
			return null;
		});
		Thread.sleep(500);
		List<TextField> fields = new ArrayList<>();
		for (Object field : dialog.getStringFields())
			fields.add((TextField) field);
		fields.add((TextField) dialog.getNumericFields().get(0));
		String[] values = { output.toString(), "conv1", "5" };
		for (int i = 0; i < values.length; i++) {
			TextField field = fields.get(i);
			EventQueue.invokeAndWait(() -> field.setText(""));
			click(field);
			type(values[i]);
		}
		key(KeyEvent.VK_ENTER);
		JTextField unitField = find(window, "unit");
		waitFor("the window at conv1 unit 5", () -> unitField.getText().equals("5"));
		String recorded = waitFor("the recorded line", () -> {
			for (String line : recorder.getText().split("\n"))
				if (line.contains("Show ConvNet Unit")) return line;
			return null;
		});
		report.setProperty("recorded", recorded);
		EventQueue.invokeAndWait(window::dispose);
		waitFor("the window to close", () -> explorerWindows(output).isEmpty());
		IJ.runMacro(recorded);
		Frame replayed = waitFor("the window from the replayed macro", () -> single(explorerWindows(output)));
		JComboBox<?> layer = find(replayed, "layer");
		report.setProperty("replayed", layer.getSelectedItem() + " unit " + ((JTextField) find(replayed, "unit"))
			.getText());
	}

	/** Projections from the toggle: computed with progress, kept in the run folder, shown beside nothing else. */
	private static void projection(Path output, Properties report, Path shots) throws Exception {
		Frame window = single(explorerWindows(output));
		JTextField unitField = find(window, "unit");
		JLabel message = find(window, "message");
		click(find(window, "modeBoth"));
		String unit = unitField.getText();
		waitFor("projections to be computed", () -> message.getText().startsWith("Projections of ") ? true : null, 300);
		report.setProperty("projection.message", message.getText());
		Thread.sleep(500);
		screenshot(shots.resolve("explorer-projections.png"));
		report.setProperty("projection.unit", unit);
	}

	/** Ctrl+E and Enter in the file chooser export the unit's figure; the occlusion button maps the shown image. */
	private static void figureAndOcclusion(Path output, Properties report, Path shots) throws Exception {
		Frame window = single(explorerWindows(output));
		JLabel message = find(window, "message");
		click(find(window, "modePatches"));
		click(find(window, "units"), 10, 10); // unit 0's thumbnail
		robot.keyPress(KeyEvent.VK_CONTROL);
		key(KeyEvent.VK_E);
		robot.keyRelease(KeyEvent.VK_CONTROL);
		waitFor("the export's file chooser", () -> {
			for (Window w : Window.getWindows())
				if (w instanceof Dialog && w.isShowing() && ((Dialog) w).getTitle().equals("Save")) return true;
			return null;
		});
		Thread.sleep(500);
		key(KeyEvent.VK_ENTER);
		waitFor("the figure", () -> message.getText().startsWith("Figure of ") ? true : null);
		report.setProperty("figure.message", message.getText());
		click(find(window, "occlusion"));
		waitFor("the occlusion map", () -> message.getText().startsWith("Occlusion ") &&
			!message.getText().startsWith("Occlusion of") ? true : null, 300);
		report.setProperty("occlusion.message", message.getText());
		Thread.sleep(500);
		screenshot(shots.resolve("explorer-occlusion.png"));
		robot.keyPress(KeyEvent.VK_CONTROL);
		robot.keyPress(KeyEvent.VK_SHIFT);
		key(KeyEvent.VK_A);
		robot.keyRelease(KeyEvent.VK_SHIFT);
		robot.keyRelease(KeyEvent.VK_CONTROL);
		waitFor("the web atlas", () -> message.getText().startsWith("Web atlas written") ? true : null, 300);
		report.setProperty("atlas.message", message.getText());
	}

	/** Deconvnet Projections, asked for after the window was the one used last, starts from its run; Esc cancels. */
	private static void dialogOffersTheRun(Frame window, Properties report) throws Exception {
		new Thread(() -> IJ.run("Deconvnet Projections...")).start();
		java.awt.Dialog dialog = waitFor("the Deconvnet Projections dialog", () -> {
			for (Window w : Window.getWindows())
				if (w instanceof ij.gui.GenericDialog && w.isShowing() &&
					((java.awt.Dialog) w).getTitle().equals("Deconvnet Projections")) return (java.awt.Dialog) w;
			return null;
		});
		report.setProperty("deconvDialog.output",
			((java.awt.TextField) ((ij.gui.GenericDialog) dialog).getStringFields().get(0)).getText());
		key(KeyEvent.VK_ESCAPE);
	}

	static List<Frame> explorerWindows(Path output) {
		List<Frame> windows = new ArrayList<>();
		for (Frame frame : Frame.getFrames())
			if (frame.isDisplayable() && frame.getTitle().startsWith("ConvNet Explorer: " + output.getFileName()))
				windows.add(frame);
		return windows;
	}

	static Frame single(List<Frame> frames) {
		return frames.size() == 1 ? frames.get(0) : null;
	}

	@SuppressWarnings("unchecked")
	static <T extends Component> T find(Container root, String name) {
		for (Component child : root.getComponents()) {
			if (name.equals(child.getName())) return (T) child;
			if (child instanceof Container) {
				T found = find((Container) child, name);
				if (found != null) return found;
			}
		}
		return null;
	}

	static Object call(Object target, String method, Object... args) throws Exception {
		for (Method m : target.getClass().getDeclaredMethods())
			if (m.getName().equals(method) && m.getParameterCount() == args.length) {
				m.setAccessible(true);
				return onEventThread(() -> m.invoke(target, args));
			}
		throw new NoSuchMethodException(method);
	}

	static <T> T onEventThread(Callable<T> action) throws Exception {
		Object[] result = new Object[1];
		Exception[] failure = new Exception[1];
		SwingUtilities.invokeAndWait(() -> {
			try {
				result[0] = action.call();
			}
			catch (Exception e) {
				failure[0] = e;
			}
		});
		if (failure[0] != null) throw failure[0];
		@SuppressWarnings("unchecked")
		T value = (T) result[0];
		return value;
	}

	static <T> T waitFor(String what, Callable<T> condition) throws Exception {
		return waitFor(what, condition, 60);
	}

	/** Polls until the condition gives a value other than null or false. */
	static <T> T waitFor(String what, Callable<T> condition, int seconds) throws Exception {
		for (long end = System.nanoTime() + seconds * 1_000_000_000L; System.nanoTime() < end; Thread.sleep(100)) {
			T value = condition.call();
			if (value != null && !Boolean.FALSE.equals(value)) return value;
		}
		throw new AssertionError("waited " + seconds + " s for " + what);
	}

	static void click(Component component) throws Exception {
		click(component, component.getWidth() / 2, component.getHeight() / 2);
	}

	static void click(Component component, int x, int y) throws Exception {
		Point origin = onEventThread(component::getLocationOnScreen);
		robot.mouseMove(origin.x + x, origin.y + y);
		robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
		robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
		robot.waitForIdle();
		Thread.sleep(200);
	}

	static void key(int code) {
		robot.keyPress(code);
		robot.keyRelease(code);
		robot.waitForIdle();
	}

	/** Text through xdotool, which types any character (a path's '/' too) as real key events. */
	private static void type(String text) throws Exception {
		Process xdotool = new ProcessBuilder("xdotool", "type", "--delay", "20", text).inheritIO().start();
		if (xdotool.waitFor() != 0) throw new AssertionError("xdotool type failed");
		Thread.sleep(200);
	}

	static long hash(BufferedImage image) {
		long hash = 17;
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++)
				hash = hash * 31 + (image.getRGB(x, y) & 0xffffff);
		return hash;
	}

	static void screenshot(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
			ImageIO.write(robot.createScreenCapture(screen), "png", file.toFile());
		}
		catch (Exception e) {
			System.err.println("no screenshot: " + e);
		}
	}
}
