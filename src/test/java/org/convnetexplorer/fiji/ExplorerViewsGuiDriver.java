package org.convnetexplorer.fiji;

import static org.convnetexplorer.fiji.ExplorerGuiDriver.call;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.click;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.explorerWindows;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.find;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.hash;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.onEventThread;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.screenshot;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.single;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.typeUnit;
import static org.convnetexplorer.fiji.ExplorerGuiDriver.waitFor;

import java.awt.Component;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.JTextField;
import javax.swing.MenuElement;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;

/**
 * Child-JVM main for the explorer's other views, driven by real clicks and keys: a unit's feature visualisation beside
 * its patches (and none for a unit without one); the activations of an image opened in ImageJ ranking the grid; an
 * occlusion map run from the window, shown again for that unit and image after the window is closed and reopened.
 */
public final class ExplorerViewsGuiDriver {

	private ExplorerViewsGuiDriver() {}

	/**
	 * Args: output folder, an image file to open in ImageJ, report file, screenshot folder, unit with a visualisation,
	 * unit without, a scan macro to start and stop, and its output folder.
	 */
	public static void main(String[] args) throws Exception {
		Properties report = new Properties();
		Path output = Paths.get(args[0]);
		Path shots = Paths.get(args[3]);
		try {
			ExplorerGuiDriver.robot = new Robot();
			ExplorerGuiDriver.robot.setAutoDelay(30);
			new ImageJ();
			IJ.runMacro("run(\"Open ConvNet Explorer Results...\", \"output=[" + output + "]\");");
			Frame window = waitFor("the explorer window", () -> single(explorerWindows(output)));
			visualization(window, args[4], args[5], report, shots);
			activations(window, Paths.get(args[1]), report, shots);
			occlusionAfterReopening(window, output, report, shots);
			scanStopped(args[6], Paths.get(args[7]), report, shots);
		}
		catch (Throwable e) {
			report.setProperty("error", e.toString());
			e.printStackTrace();
			screenshot(shots.resolve("explorer-views-failure.png"));
		}
		finally {
			try (Writer out = Files.newBufferedWriter(Paths.get(args[2]))) {
				report.store(out, null);
			}
			System.exit(0);
		}
	}

	/** A typed unit with a visualisation shows it beside its patches; one without hides the pane. */
	private static void visualization(Frame window, String withImage, String without, Properties report, Path shots)
		throws Exception
	{
		JTextField unitField = find(window, "unit");
		JList<?> grid = find(window, "units");
		Component pane = find(window, "visualization");
		typeUnit(unitField, grid, withImage);
		waitFor("the visualisation pane", pane::isShowing);
		Thread.sleep(500);
		BufferedImage picture = (BufferedImage) call(pane, "picture");
		report.setProperty("visualization.pixels", String.valueOf(hash(picture)));
		report.setProperty("visualization.width", String.valueOf(pane.getWidth()));
		screenshot(shots.resolve("explorer-visualization.png"));
		typeUnit(unitField, grid, without);
		Thread.sleep(300);
		report.setProperty("visualization.shownWithout", String.valueOf(pane.isShowing()));
	}

	/** The image opened in ImageJ, chosen from the button's menu by a click: the grid ranks the units by it. */
	private static void activations(Frame window, Path image, Properties report, Path shots) throws Exception {
		ImagePlus opened = IJ.openImage(image.toString());
		opened.setTitle("my photo");
		opened.show();
		waitFor("the image in ImageJ", opened::isVisible);
		window.toFront();
		Thread.sleep(300);
		click(find(window, "rankOnImageJ"));
		JMenuItem item = waitFor("the menu of open images", () -> {
			for (MenuElement menu : javax.swing.MenuSelectionManager.defaultManager().getSelectedPath())
				if (menu instanceof JPopupMenu)
					for (Component child : ((JPopupMenu) menu).getComponents())
						if ("image:my photo".equals(child.getName()) && child.isShowing()) return (JMenuItem) child;
			return null;
		});
		click(item);
		JLabel rankedOn = find(window, "rankedOn");
		waitFor("the activations", () -> rankedOn.isShowing() && rankedOn.getText().contains("units fire"), 300);
		Thread.sleep(500);
		report.setProperty("activations.rankedOn", rankedOn.getToolTipText());
		JList<?> grid = find(window, "units");
		List<String> first = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			int index = i;
			first.add(String.valueOf(onEventThread(() -> grid.getModel().getElementAt(index))));
		}
		report.setProperty("activations.gridFirst", String.join(",", first));
		report.setProperty("activations.selected", String.valueOf(grid.getSelectedValue()));
		report.setProperty("activations.sort", String.valueOf(((JComboBox<?>) find(window, "sort")).getSelectedItem()));
		screenshot(shots.resolve("explorer-activations.png"));
	}

	/**
	 * A scan started from the macro shows its count and time left in a window of its own; its Stop, clicked, stops the
	 * scan, and the run's explorer window opens with what was scanned, marked partial.
	 */
	private static void scanStopped(String macro, Path output, Properties report, Path shots) throws Exception {
		Thread scan = new Thread(() -> IJ.runMacro(macro), "scan macro");
		scan.start();
		Frame window = waitFor("the scan's window", () -> {
			for (Frame frame : Frame.getFrames())
				if (frame.isShowing() && frame.getTitle().equals("ConvNet Explorer: " + output.getFileName() +
					" (scanning)")) return frame;
			return null;
		}, 120);
		javax.swing.JProgressBar bar = find(window, "progress");
		String progress = waitFor("the scan's count", () -> bar.getString().matches("\\d+/\\d+, .* left") &&
			bar.getValue() > 0 ? bar.getString() : null, 300);
		report.setProperty("scan.progress", progress);
		screenshot(shots.resolve("explorer-scanning.png"));
		click(find(window, "stop"));
		Frame results = waitFor("the stopped run's explorer window", () -> single(explorerWindows(output).stream()
			.filter(frame -> frame != window).collect(java.util.stream.Collectors.toList())), 300);
		report.setProperty("scan.windowTitle", results.getTitle());
		report.setProperty("scan.scanWindowGone", String.valueOf(!window.isDisplayable()));
		scan.join(60_000);
	}

	/**
	 * Occlusion from the window for the selected unit's first patch; the window closed, the run reopened at that unit
	 * and the same patch clicked: the Occlusion map toggle is on offer, and a click on it shows the kept map.
	 */
	private static void occlusionAfterReopening(Frame window, Path output, Properties report, Path shots)
		throws Exception
	{
		String unit = ((JTextField) find(window, "unit")).getText();
		ExplorerGuiDriver.clickPatch(window, 1, new Properties());
		JLabel message = find(window, "message");
		click(find(window, "occlusion"));
		waitFor("the occlusion map", () -> message.getText().startsWith("Occlusion map written"), 300);
		report.setProperty("occlusion.message", message.getText());
		EventQueue.invokeAndWait(window::dispose);
		waitFor("the window to close", () -> explorerWindows(output).isEmpty());
		IJ.runMacro("run(\"Show ConvNet Unit\", \"output=[" + output + "] layer=conv5 unit=" + unit + "\");");
		Frame reopened = waitFor("the reopened window", () -> single(explorerWindows(output)));
		waitFor("the reopened window at unit " + unit, () -> ((JTextField) find(reopened, "unit")).getText().equals(unit));
		Component toggle = find(reopened, "showOcclusion");
		report.setProperty("occlusion.offeredBeforeClick", String.valueOf(toggle.isEnabled()));
		ExplorerGuiDriver.clickPatch(reopened, 1, new Properties());
		waitFor("the kept map on offer", toggle::isEnabled);
		click(toggle);
		Component source = find(reopened, "source");
		waitFor("the kept map shown", () -> (Boolean) call(source, "showsOcclusion"));
		Rectangle bounds = source.getBounds();
		report.setProperty("occlusion.shownAfterReopening", "true");
		report.setProperty("occlusion.paneSize", bounds.width + "x" + bounds.height);
		Thread.sleep(500);
		screenshot(shots.resolve("explorer-occlusion-reopened.png"));
	}
}
