package org.convnetexplorer.explorer.window;

import java.awt.FlowLayout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

import javax.swing.ButtonGroup;
import javax.swing.JPanel;
import javax.swing.JToggleButton;

import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.explorer.ExplorerModel;
import org.convnetexplorer.explorer.StoredOcclusion;
import org.convnetexplorer.explorer.UnitProjections;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkRow;

/**
 * The selected unit's views: its patches, its deconvnet projections (read back where kept, computed on demand with
 * progress otherwise) or both; and occlusion for the shown image and unit.
 */
final class UnitViews {

	private final ExplorerWindow window;
	private final JToggleButton[] modes = new JToggleButton[PatchesPane.Mode.values().length];
	private List<BufferedImage> projections;
	private String projectionsOf;
	private final JToggleButton occlusionShown = new JToggleButton("Occlusion map");

	UnitViews(ExplorerWindow window) {
		this.window = window;
	}

	JPanel modeButtons() {
		JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 2));
		ButtonGroup group = new ButtonGroup();
		for (PatchesPane.Mode mode : PatchesPane.Mode.values()) {
			JToggleButton button = new JToggleButton(mode.label, mode == PatchesPane.Mode.PATCHES);
			button.setName("mode" + mode.label);
			if (mode != PatchesPane.Mode.PATCHES)
				button.setToolTipText("Deconvnet projections (Zeiler & Fergus): what in each patch drove the unit");
			button.addActionListener(e -> setMode(mode));
			group.add(button);
			buttons.add(button);
			modes[mode.ordinal()] = button;
		}
		return buttons;
	}

	/** Switches what the patches pane shows; projections not yet kept are computed. */
	void setMode(PatchesPane.Mode mode) {
		modes[mode.ordinal()].setSelected(true);
		window.patches.setMode(mode);
		showUnit();
	}

	/** Draws the selected unit: its patches at once, its projections when shown and kept, else computes them. */
	void showUnit() {
		ExplorerModel model = window.model;
		String unit = model.address().toString();
		if (!unit.equals(projectionsOf)) {
			projections = null;
			projectionsOf = unit;
		}
		if (window.patches.mode() != PatchesPane.Mode.PATCHES && projections == null && !model.patches().isEmpty())
			projections = storedOrCompute();
		window.patches.show(model.patches(), window.unitPatches(), projections, model.run.top,
			model.shownPatch().map(row -> row.rank).orElse(0), "Unit " + model.unit() + " never fired on any image");
	}

	/** Redraws the mark of the shown patch. */
	void showRank() {
		ExplorerModel model = window.model;
		window.patches.show(model.patches(), window.unitPatches(), projections, model.run.top,
			model.shownPatch().map(row -> row.rank).orElse(0), "Unit " + model.unit() + " never fired on any image");
	}

	/** Kept projections at once; otherwise starts computing them and returns null (the patches show meanwhile). */
	private List<BufferedImage> storedOrCompute() {
		ExplorerModel model = window.model;
		try {
			List<RgbImage> kept = UnitProjections.stored(model.run, model.layer(), model.unit(), model.patches().size());
			if (kept != null) return pictures(kept);
		}
		catch (IOException e) {
			window.tasks.say(e.getMessage() + "; computing them again");
		}
		String layer = model.layer();
		List<TopkRow> rows = model.patches();
		String unit = model.address().toString();
		List<BufferedImage>[] result = new List[1];
		window.tasks.start("Projecting " + unit, progress -> {
			progress.progress(0, 1);
			List<RgbImage> computed = UnitProjections.compute(model.run, layer, rows, progress::message);
			progress.progress(1, 1);
			// One deconvnet run cannot be stopped halfway: a Stop meanwhile drops the result (it is kept on disk).
			if (progress.cancelled()) throw new CancellationException("stopped");
			result[0] = pictures(computed);
		}, failure -> {
			if (failure != null) window.tasks.say(TaskBar.failed("Projections of " + unit, failure));
			else {
				window.tasks.say("Projections of " + unit + " computed and kept in " + model.run.folder.resolve(
					UnitProjections.fileName(layer, rows.get(0).unit)));
				if (unit.equals(projectionsOf)) {
					projections = result[0];
					showRank();
				}
			}
		});
		return null;
	}

	private static List<BufferedImage> pictures(List<RgbImage> images) {
		return images.stream().map(Pictures::of).collect(Collectors.toList());
	}

	/** The toggle that shows the kept occlusion map of the shown patch's unit and image, enabled where one is kept. */
	JToggleButton occlusionToggle() {
		occlusionShown.setName("showOcclusion");
		occlusionShown.setEnabled(false);
		occlusionShown.setToolTipText("The occlusion map kept in the run folder for this unit and image");
		occlusionShown.addActionListener(e -> window.model.shownPatch().ifPresent(this::showKeptOcclusion));
		return occlusionShown;
	}

	/**
	 * After the shown patch changed: whether a map is kept for its unit and image, and shows it while the toggle is
	 * on (the toggle stays on from patch to patch).
	 */
	void showKeptOcclusion(TopkRow row) {
		StoredOcclusion kept = null;
		try {
			kept = StoredOcclusion.read(window.model.run, row).orElse(null);
		}
		catch (IOException e) {
			window.tasks.say("Cannot show the kept occlusion map: " + e.getMessage());
		}
		occlusionShown.setEnabled(kept != null);
		occlusionShown.setToolTipText(kept != null ? "The occlusion map kept in " + StoredOcclusion.folder(
			window.model.run, row) : "No occlusion map kept for this unit and image: press Occlusion for this unit");
		window.source.showOcclusion(kept != null && occlusionShown.isSelected() ? picture(kept, row) : null);
	}

	private static SourcePane.OcclusionPicture picture(StoredOcclusion map, TopkRow row) {
		return new SourcePane.OcclusionPicture(Pictures.of(map.overlay), map.largestDrop, String.format(
			"%s unit %d on %s (%.3g unoccluded): red where hiding a square lowers it", row.layer, row.unit,
			Paths.get(row.image).getFileName(), map.unoccluded));
	}

	/** Occlusion of the shown image for the selected unit, off the event thread, its map in the source pane. */
	void occlusion() {
		ExplorerModel model = window.model;
		TopkRow row = model.shownPatch().orElse(null);
		if (row == null) {
			window.tasks.say("Click a patch first: occlusion runs on its image");
			return;
		}
		RunResults run = model.run;
		Path output = StoredOcclusion.folder(run, row);
		OcclusionJob.Outcome[] outcome = new OcclusionJob.Outcome[1];
		window.tasks.start("Occlusion of " + row.layer + " unit " + row.unit, progress -> {
			OcclusionJob.Settings settings = settings(run, row, output);
			outcome[0] = OcclusionJob.run(settings, new TaskListener(progress));
		}, failure -> {
			if (failure != null) {
				window.tasks.say(TaskBar.failed("Occlusion of " + row.layer + " unit " + row.unit, failure));
				return;
			}
			occlusionShown.setEnabled(true);
			occlusionShown.setSelected(true);
			if (row.equals(model.shownPatch().orElse(null)))
				window.source.showOcclusion(picture(StoredOcclusion.of(outcome[0]), row));
			window.tasks.say("Occlusion map written to " + output + " (Occlusion map toggles it and the image)");
		});
	}

	private static OcclusionJob.Settings settings(RunResults run, TopkRow row, Path output) throws IOException {
		OcclusionJob.Settings settings = new OcclusionJob.Settings();
		settings.image = run.sourceOf(row);
		settings.output = output;
		settings.overwrite = true;
		RunJson json = run.json();
		if (run.builtInAlexNet) settings.weights = run.network;
		else settings.network = OnnxNetwork.open(Paths.get(run.network), json.integer("input_size"), json.floats("mean"),
			json.floats("std"));
		settings.layer = settings.network().layer(row.layer);
		settings.unit = row.unit;
		String change = run.changeSinceScan(row);
		if (change != null) throw new IOException(settings.image + " " + change);
		return settings;
	}
}
