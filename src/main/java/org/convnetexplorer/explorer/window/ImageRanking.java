package org.convnetexplorer.explorer.window;

import java.awt.Component;
import java.util.List;

import javax.swing.JButton;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;

import org.convnetexplorer.explorer.ActivationProbe;
import org.convnetexplorer.explorer.ExplorerModel;
import org.convnetexplorer.explorer.ImageActivations;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.results.TopkRow;

/**
 * "This image's activations": the source pane's image, or any image open in ImageJ, through the run's network (built on
 * first use and kept until the window closes); the grid then ranks the layer's units by their activation on it and
 * lights those that fire.
 */
final class ImageRanking {

	/** An image to measure, read off the event thread. */
	interface ImageSource {
		RgbImage read() throws Exception;
	}

	private final ExplorerWindow window;
	private ActivationProbe probe;
	private boolean closed;

	ImageRanking(ExplorerWindow window) {
		this.window = window;
	}

	JButton sourceButton() {
		JButton button = new JButton("This image's activations");
		button.setName("rankOnImage");
		button.setToolTipText("Runs this image through the network and ranks the layer's units by their activation " +
			"on it");
		button.addActionListener(e -> window.model.shownPatch().ifPresentOrElse(this::rankSource,
			() -> window.tasks.say("No image shown: click a patch first, or choose an image open in ImageJ")));
		return button;
	}

	JButton imageJButton() {
		JButton button = new JButton("Activations of an ImageJ image ▾");
		button.setName("rankOnImageJ");
		button.setToolTipText("Choose an image open in ImageJ: the layer's units ranked by their activation on it");
		button.addActionListener(e -> chooseImageJImage(button));
		return button;
	}

	/** A menu of the images open in ImageJ below {@code under}; choosing one measures it. */
	void chooseImageJImage(Component under) {
		List<String> titles = ImageJViews.openImageTitles();
		JPopupMenu menu = new JPopupMenu();
		menu.setName("openImages");
		if (titles.isEmpty()) {
			JMenuItem none = new JMenuItem("No image is open in ImageJ");
			none.setEnabled(false);
			menu.add(none);
		}
		for (String title : titles) {
			JMenuItem item = new JMenuItem(title);
			item.setName("image:" + title);
			item.addActionListener(e -> rank(title, () -> ImageJViews.pixelsOf(title)));
			menu.add(item);
		}
		menu.show(under, 0, under.getHeight());
	}

	private void rankSource(TopkRow row) {
		rank(row.image.substring(row.image.lastIndexOf('/') + 1), () -> {
			String change = window.model.run.changeSinceScan(row);
			if (change != null) throw new IllegalStateException(window.model.run.sourceOf(row) + " " + change);
			return ImageDecoder.read(window.model.run.sourceOf(row));
		});
	}

	/** Measures the image off the event thread, then ranks the grid by it. */
	void rank(String name, ImageSource image) {
		ExplorerModel model = window.model;
		ImageActivations[] measured = new ImageActivations[1];
		window.tasks.start("Activations of " + name, progress -> {
			RgbImage pixels = image.read();
			if (probe == null) probe = ActivationProbe.forRun(model.run, new TaskListener(progress));
			if (progress.cancelled()) throw new java.util.concurrent.CancellationException("stopped");
			measured[0] = probe.measure(name, pixels);
		}, failure -> {
			if (closed) close();
			else if (failure != null) {
				window.tasks.say(TaskBar.failed("Activations of " + name, failure));
				return;
			}
			model.rankUnitsOn(measured[0]);
			window.tasks.say("Units ordered by their activation on " + UnitGrid.rankedText(model, measured[0]));
		});
	}

	/** Frees the network when the window closes (a task still running frees it when it ends). */
	void close() {
		closed = true;
		if (window.tasks.busy()) return;
		if (probe != null) probe.close();
		probe = null;
	}
}
