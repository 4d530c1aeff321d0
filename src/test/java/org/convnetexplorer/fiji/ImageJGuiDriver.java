package org.convnetexplorer.fiji;

import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.ImageCanvas;
import ij.gui.Roi;

/**
 * Child-JVM main for the Xvfb test, on ij.jar alone: starts ImageJ 1, runs the menu command from a macro, clicks a
 * patch of a montage window the way a user does, takes a screenshot and writes what it found as a properties file.
 * Only ImageJ's API is used here: the plugin comes from the ImageJ folder, as for a user.
 */
public final class ImageJGuiDriver {

	private ImageJGuiDriver() {}

	/**
	 * Args: macro, montage title, slice, rank (1-based), report file, screenshot file, and a macro that reopens the
	 * results after every window is closed; the report's keys for the reopened windows start with "reopened.".
	 */
	public static void main(String[] args) throws Exception {
		Properties report = new Properties();
		try {
			new ImageJ();
			IJ.runMacro(args[0]);
			int slice = Integer.parseInt(args[2]);
			int rank = Integer.parseInt(args[3]);
			ImagePlus source = inspect(args[1], slice, rank, report, "");
			arrangeForScreenshot(WindowManager.getImage(args[1]), source);
			Thread.sleep(1500);
			Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
			ImageIO.write(new Robot().createScreenCapture(screen), "png", Paths.get(args[5]).toFile());

			for (int id : WindowManager.getIDList())
				WindowManager.getImage(id).close();
			EventQueue.invokeAndWait(() -> WindowManager.getWindow("topk").dispose());
			IJ.runMacro(args[6]);
			inspect(args[1], slice, rank, report, "reopened.");
		}
		catch (Throwable e) {
			report.setProperty("error", e.toString());
		}
		try (Writer out = Files.newBufferedWriter(Paths.get(args[4]))) {
			report.store(out, null);
		}
		System.exit(0);
	}

	/** @return the source image that came forward */
	private static ImagePlus inspect(String montageTitle, int slice, int rank, Properties report, String prefix)
		throws Exception
	{
		for (int id : WindowManager.getIDList()) {
			ImagePlus image = WindowManager.getImage(id);
			report.setProperty(prefix + "window." + image.getTitle(), String.valueOf(image.getStackSize()));
		}
		report.setProperty(prefix + "table", String.valueOf(WindowManager.getWindow("topk") != null));

		ImagePlus montage = WindowManager.getImage(montageTitle);
		montage.setSlice(slice);
		report.setProperty(prefix + "slice.label", montage.getStack().getSliceLabel(slice));
		int columns = (int) Math.ceil(Math.sqrt(9));
		int cell = (montage.getWidth() - (columns + 1) * 2) / columns;
		int x = 2 + (rank - 1) % columns * (cell + 2) + cell / 2;
		int y = 2 + (rank - 1) / columns * (cell + 2) + cell / 2;
		ImageCanvas canvas = montage.getCanvas();
		int screenX = canvas.screenX(x);
		int screenY = canvas.screenY(y);
		EventQueue.invokeAndWait(() -> canvas.dispatchEvent(new MouseEvent(canvas, MouseEvent.MOUSE_CLICKED,
			System.currentTimeMillis(), InputEvent.BUTTON1_DOWN_MASK, screenX, screenY, 1, false, MouseEvent.BUTTON1)));

		ImagePlus source = null;
		for (int wait = 0; wait < 300 && source == null; wait++) {
			Thread.sleep(100);
			ImagePlus current = WindowManager.getCurrentImage();
			if (current != null && current != montage && current.getRoi() != null) source = current;
		}
		if (source == null) throw new AssertionError("no source image came forward after the click");
		Rectangle bounds = source.getRoi().getBounds();
		report.setProperty(prefix + "source.title", source.getTitle());
		report.setProperty(prefix + "source.roi", bounds.x + "," + bounds.y + "," + bounds.width + "," + bounds.height);
		report.setProperty(prefix + "source.roiType", String.valueOf(source.getRoi().getType() == Roi.RECTANGLE));
		report.setProperty(prefix + "status", String.valueOf(ImageJ.getStatusBarText()));
		return source;
	}

	/** Without a window manager windows pile up: put the clicked montage (enlarged) and the source side by side. */
	private static void arrangeForScreenshot(ImagePlus montage, ImagePlus source) throws Exception {
		IJ.run(montage, "Set... ", "zoom=200");
		EventQueue.invokeAndWait(() -> {
			Window table = WindowManager.getWindow("topk");
			if (table != null) table.setBounds(0, 620, 1000, 370);
			montage.getWindow().setLocation(0, 130);
			source.getWindow().setLocation(montage.getWindow().getWidth() + 30, 130);
			montage.getWindow().toFront();
			source.getWindow().toFront();
		});
	}
}
