package org.convnetexplorer.explorer.window;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.swing.SwingUtilities;

import org.convnetexplorer.explorer.ExplorerModel;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkRow;

/**
 * Loads the shown patch's source image off the event thread (a photo can take a while to decode, and checking that it
 * is still the scan's reads it whole), keeping the last one: a unit's patches often share images. An image replaced
 * since the scan is refused, as it would show another picture.
 */
final class SourceLoader {

	private final ExplorerWindow window;
	private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "ConvNet Explorer source image");
		thread.setDaemon(true);
		return thread;
	});
	private TopkRow requested;
	private TopkRow shown;
	private volatile Path lastPath;
	private volatile BufferedImage lastPicture;

	SourceLoader(ExplorerWindow window) {
		this.window = window;
	}

	/** Shows the row's image and field (call on the event thread); null clears the pane. */
	void show(TopkRow row) {
		if (row == null) {
			requested = shown = null;
			window.source.showText(window.model.patches().isEmpty() ? "This unit never fired on any image" : "");
			window.grid.light(java.util.Set.of());
			return;
		}
		if (row.equals(shown) || row == requested) return;
		requested = row;
		RunResults run = window.model.run;
		loader.execute(() -> {
			BufferedImage picture = null;
			String problem = null;
			try {
				picture = load(run, row);
			}
			catch (UnreadableImageException e) {
				problem = "Cannot show " + run.sourceOf(row) + ": " + e.getMessage();
			}
			BufferedImage loaded = picture;
			String why = problem;
			SwingUtilities.invokeLater(() -> arrived(row, loaded, why));
		});
	}

	private BufferedImage load(RunResults run, TopkRow row) throws UnreadableImageException {
		Path file = run.sourceOf(row);
		if (file.equals(lastPath)) return lastPicture;
		String change = run.changeSinceScan(row);
		if (change != null) throw new UnreadableImageException(change + ", so it is not the picture this patch came " +
			"from");
		BufferedImage picture = Pictures.of(ImageDecoder.read(file));
		lastPicture = picture;
		lastPath = file;
		return picture;
	}

	private void arrived(TopkRow row, BufferedImage picture, String problem) {
		if (row != requested) return; // the user has moved on
		shown = row;
		if (picture == null) {
			window.source.showText(problem);
			window.tasks.say(problem);
			return;
		}
		window.source.show(picture, row.box);
		window.sourceShown(row);
		window.tasks.say(ExplorerModel.describe(row) + (window.model.ranking().isPresent() ? "" : "  (outlined in " +
			"the grid: the units with this image in their top " + window.model.run.top + ")"));
	}

	/** The row whose image the pane shows now. */
	TopkRow shown() {
		return shown;
	}

	void close() {
		loader.shutdownNow();
	}
}
