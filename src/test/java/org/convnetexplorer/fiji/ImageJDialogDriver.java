package org.convnetexplorer.fiji;

import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Toolkit;
import java.awt.Window;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JList;
import javax.swing.SwingUtilities;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.process.ByteProcessor;

/**
 * Child-JVM main for the dialog test, on ij.jar alone: opens "Top Patches per Unit..." from ImageJ's menu command and
 * fills it in as a user does, with real X input events (xdotool): types the folders, picks two layers from the "Choose
 * layers..." list, presses OK (the first run without network fails), dismisses the error, opens the dialog again and
 * presses Browse. Writes what it found as a properties file.
 */
public final class ImageJDialogDriver {

	private static final String TITLE = "Top Patches per Unit";

	private ImageJDialogDriver() {}

	/** Args: images folder, output folder, report file, screenshot file, an image file. */
	public static void main(String[] args) throws Exception {
		Properties report = new Properties();
		try {
			new ImageJ();
			GenericDialog dialog = openDialog();
			List<TextField> fields = textFields(dialog);
			typeInto(fields.get(0), args[0]);
			typeInto(fields.get(1), args[1]);
			JList<?> list = (JList<?>) find(clickUntil(button(dialog, "Choose layers..."), w -> w != dialog &&
				w.isShowing() && find(w, JList.class::isInstance) != null), JList.class::isInstance);
			clickListRow(list, "conv2", false);
			clickListRow(list, "conv4", true);
			click(find(SwingUtilities.getWindowAncestor(list), c -> c instanceof JButton && "OK".equals(((JButton) c).getText())));
			waitFor(() -> !fields.get(4).getText().equals(""));
			report.setProperty("chosen.layers", fields.get(4).getText());

			click(button(dialog, "OK"));
			Dialog error = (Dialog) window(w -> w instanceof Dialog && TITLE.equals(((Dialog) w).getTitle()) &&
				!(w instanceof GenericDialog) && w.isShowing());
			for (int wait = 0; wait < 50 && !String.valueOf(IJ.getLog()).contains("weights=demo"); wait++)
				Thread.sleep(100); // the Log takes each line of the message in turn
			report.setProperty("error.width", String.valueOf(error.getWidth()));
			report.setProperty("screen.width", String.valueOf(Toolkit.getDefaultToolkit().getScreenSize().width));
			report.setProperty("log", String.valueOf(IJ.getLog()));
			screenshot(args[3].replace(".png", "-error.png"));
			xdotool("key", "Return");
			waitFor(() -> !error.isShowing());

			GenericDialog again = openDialog();
			List<TextField> remembered = textFields(again);
			report.setProperty("reopened.images", remembered.get(0).getText());
			report.setProperty("reopened.output", remembered.get(1).getText());
			report.setProperty("reopened.layers", remembered.get(4).getText());
			JFileChooser chooser = (JFileChooser) find(clickUntil(button(again, "Browse"), w -> w != again &&
				w.isShowing() && find(w, JFileChooser.class::isInstance) != null), JFileChooser.class::isInstance);
			Thread.sleep(500);
			report.setProperty("browse.directory", String.valueOf(chooser.getCurrentDirectory()));
			screenshot(args[3]);
			xdotool("key", "Escape");
			waitFor(() -> !chooser.isShowing());
			click(button(again, "Cancel"));
			waitFor(() -> !again.isShowing());
			occlusionStartsFromTheImagesOnScreen(args[4], report);
		}
		catch (Throwable e) {
			report.setProperty("error", e.toString());
			try {
				screenshot(args[3].replace(".png", "-failure.png"));
			}
			catch (Exception ignored) {
				// the report says what failed
			}
		}
		try (Writer out = Files.newBufferedWriter(Paths.get(args[2]))) {
			report.store(out, null);
		}
		System.exit(0);
	}

	/** A run's montage stack at conv3 unit 17 (its slice labels as ResultWindows writes them), then an image in front. */
	private static void occlusionStartsFromTheImagesOnScreen(String image, Properties report) throws Exception {
		ImageStack stack = new ImageStack(40, 40);
		for (int unit = 0; unit < 20; unit++)
			stack.addSlice("conv3 unit " + unit, new ByteProcessor(40, 40));
		ImagePlus montage = new ImagePlus("conv3 - top 9 patches", stack);
		montage.setSlice(18);
		montage.show();
		ImagePlus front = IJ.openImage(image);
		front.show();
		waitFor(() -> WindowManager.getCurrentImage() == front);
		GenericDialog dialog = openDialog("Occlusion Sensitivity");
		List<TextField> texts = textFields(dialog);
		report.setProperty("occlusion.image", texts.get(0).getText());
		report.setProperty("occlusion.layer", texts.get(1).getText());
		report.setProperty("occlusion.unit", ((TextField) dialog.getNumericFields().get(0)).getText());
		click(button(dialog, "Cancel"));
	}

	private static GenericDialog openDialog() throws Exception {
		return openDialog(TITLE);
	}

	private static GenericDialog openDialog(String title) throws Exception {
		IJ.doCommand(title + "...");
		GenericDialog dialog = (GenericDialog) window(w -> w instanceof GenericDialog && w.isShowing() &&
			title.equals(((GenericDialog) w).getTitle()));
		Thread.sleep(700); // laid out and on screen
		return dialog;
	}

	private static List<TextField> textFields(GenericDialog dialog) {
		List<TextField> fields = new ArrayList<>();
		for (Object field : dialog.getStringFields())
			fields.add((TextField) field);
		return fields;
	}

	private static void typeInto(TextField field, String text) throws Exception {
		click(field);
		xdotool("type", "--delay", "2", text);
		for (int wait = 0; wait < 100 && !field.getText().equals(text); wait++)
			Thread.sleep(100);
		if (!field.getText().equals(text)) throw new AssertionError("typed '" + text + "', the field has '" +
			field.getText() + "'");
	}

	private static void clickListRow(JList<?> list, String row, boolean withCtrl) throws Exception {
		int index = -1;
		for (int i = 0; i < list.getModel().getSize(); i++)
			if (row.equals(list.getModel().getElementAt(i))) index = i;
		Rectangle cell = list.getCellBounds(index, index);
		Point origin = list.getLocationOnScreen();
		if (withCtrl) xdotool("keydown", "ctrl");
		xdotool("mousemove", "--sync", String.valueOf(origin.x + cell.x + cell.width / 2),
			String.valueOf(origin.y + cell.y + cell.height / 2), "click", "1");
		if (withCtrl) xdotool("keyup", "ctrl");
		Thread.sleep(200);
	}

	private static void click(Component component) throws Exception {
		Point origin = component.getLocationOnScreen();
		xdotool("mousemove", "--sync", String.valueOf(origin.x + component.getWidth() / 2),
			String.valueOf(origin.y + component.getHeight() / 2), "click", "1");
		Thread.sleep(200);
	}

	private static Button button(Container container, String label) {
		Component found = find(container, c -> c instanceof Button && label.equals(((Button) c).getLabel().trim()));
		if (found == null) throw new AssertionError("no button '" + label + "'");
		return (Button) found;
	}

	private static Component find(Container container, Predicate<Component> wanted) {
		for (Component child : container.getComponents()) {
			if (wanted.test(child)) return child;
			if (child instanceof Container) {
				Component inside = find((Container) child, wanted);
				if (inside != null) return inside;
			}
		}
		return null;
	}

	/**
	 * Clicks until the window the click opens is there: a dialog that has just come up on a screen without a window
	 * manager may miss the first click.
	 */
	private static Window clickUntil(Component button, Predicate<Window> opened) throws Exception {
		for (int attempt = 0; attempt < 4; attempt++) {
			click(button);
			Window window = window(opened, 50);
			if (window != null) return window;
		}
		StringBuilder windows = new StringBuilder();
		for (Window window : Window.getWindows())
			windows.append(window.getClass().getSimpleName()).append(window.isShowing() ? "(showing) " : " ");
		throw new AssertionError("clicking " + button.getName() + " at " + button.getLocationOnScreen() + " opened " +
			"nothing; windows: " + windows);
	}

	private static Window window(Predicate<Window> wanted) throws Exception {
		Window window = window(wanted, 600);
		if (window == null) throw new AssertionError("no such window within 60 s");
		return window;
	}

	/** The window, or null when none came within {@code tenths} tenths of a second. */
	private static Window window(Predicate<Window> wanted, int tenths) throws Exception {
		for (int wait = 0; wait < tenths; wait++) {
			Window[] found = new Window[1];
			EventQueue.invokeAndWait(() -> {
				for (Window window : Window.getWindows())
					if (found[0] == null && wanted.test(window)) found[0] = window;
			});
			if (found[0] != null) return found[0];
			Thread.sleep(100);
		}
		return null;
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
		for (int wait = 0; wait < 300 && !condition.getAsBoolean(); wait++)
			Thread.sleep(100);
		if (!condition.getAsBoolean()) throw new AssertionError("waited 30 s in vain");
	}

	private static void xdotool(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("xdotool"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).inheritIO().start();
		if (process.waitFor() != 0) throw new IOException("xdotool " + String.join(" ", args) + " failed");
	}

	private static void screenshot(String file) throws Exception {
		Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
		ImageIO.write(new Robot().createScreenCapture(screen), "png", Paths.get(file).toFile());
	}
}
