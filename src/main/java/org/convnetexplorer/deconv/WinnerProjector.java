package org.convnetexplorer.deconv;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;

import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.images.Preprocessor;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.PatchCutter;
import org.convnetexplorer.results.TopkRow;

/**
 * Projects a layer's winners (its topk.csv rows): each winning image is decoded once, and a run of the deconvnet takes
 * up to {@code batch} winners together with their distinct images, so an image that many units won is forwarded once
 * per run, not once per winner.
 */
public final class WinnerProjector {

	private final ProjectionGraph net;
	private final Path imagesRoot;
	private final int batch;
	private final Preprocessor preprocessor;

	/** @param imagesRoot the scanned folder, which the rows' image paths are relative to */
	public WinnerProjector(ProjectionGraph net, Path imagesRoot, int batch) {
		if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
		this.net = net;
		this.preprocessor = new Preprocessor(net.input());
		this.imagesRoot = imagesRoot;
		this.batch = batch;
	}

	/**
	 * @param rows winners of {@code layer}
	 * @param unreadable told of an image that can no longer be read (changed since the scan); its winners are left out
	 * @return the projected winners, grouped by image
	 */
	public List<ProjectedWinner> project(Layer layer, List<TopkRow> rows, BiConsumer<String, String> unreadable) {
		return project(layer, rows, unreadable, projected -> true);
	}

	/**
	 * As {@link #project(Layer, List, BiConsumer)}, telling {@code projected} the count after each deconvnet run.
	 *
	 * @param projected told the winners projected so far; false stops before the next run (the list is then partial)
	 */
	public List<ProjectedWinner> project(Layer layer, List<TopkRow> rows, BiConsumer<String, String> unreadable,
		IntPredicate projected)
	{
		Map<String, List<TopkRow>> rowsByImage = new LinkedHashMap<>();
		for (TopkRow row : rows) {
			if (!row.layer.equals(layer.name()))
				throw new IllegalArgumentException(row.layer + " row among " + layer.name());
			if (row.unit < 0 || row.unit >= layer.units() || row.fy < 0 || row.fy >= layer.height() || row.fx < 0 ||
				row.fx >= layer.width())
				throw new IllegalArgumentException("no such " + layer.name() + " unit or position: unit " + row.unit +
					" at " + row.fy + "," + row.fx);
			rowsByImage.computeIfAbsent(row.image, image -> new ArrayList<>()).add(row);
		}
		Run run = new Run(layer);
		for (Map.Entry<String, List<TopkRow>> image : rowsByImage.entrySet()) {
			if (run.stopped) break;
			RgbImage original;
			try {
				original = ImageDecoder.read(imagesRoot.resolve(image.getKey()));
			}
			catch (UnreadableImageException e) {
				unreadable.accept(image.getKey(), e.getMessage());
				continue;
			}
			Placement placement = net.input().place(original.width(), original.height());
			float[] normalized = new float[net.input().floats()];
			preprocessor.write(original, placement, FloatBuffer.wrap(normalized));
			RgbImage input = preprocessor.inputImage(original, placement);
			for (TopkRow row : image.getValue()) {
				if (run.full()) run.flush(projected);
				if (run.stopped) break;
				run.add(row, normalized, PatchCutter.cut(input, layer.field(row.unit).inputBox(row.fy, row.fx)));
			}
		}
		if (!run.stopped) run.flush(projected);
		return run.done;
	}

	/** The winners of the next deconvnet run and their images. */
	private final class Run {

		final Layer layer;
		final FloatBuffer images = FloatBuffer.allocate(batch * net.input().floats());
		final List<float[]> imagesIn = new ArrayList<>();
		final List<TopkRow> rows = new ArrayList<>();
		final List<RgbImage> patches = new ArrayList<>();
		final int[] sources = new int[batch];
		final List<ProjectedWinner> done = new ArrayList<>();
		boolean stopped;

		Run(Layer layer) {
			this.layer = layer;
		}

		boolean full() {
			return rows.size() == batch;
		}

		void add(TopkRow row, float[] normalized, RgbImage patch) {
			// Winners come grouped by image: the image is either the last one added or new to this run.
			if (imagesIn.isEmpty() || imagesIn.get(imagesIn.size() - 1) != normalized) {
				imagesIn.add(normalized);
				images.put(normalized);
			}
			sources[rows.size()] = imagesIn.size() - 1;
			rows.add(row);
			patches.add(patch);
		}

		void flush(IntPredicate projected) {
			if (rows.isEmpty()) return;
			int n = rows.size();
			int[] units = new int[n];
			int[] positions = new int[n];
			for (int i = 0; i < n; i++) {
				units[i] = rows.get(i).unit;
				positions[i] = rows.get(i).fy * layer.width() + rows.get(i).fx;
			}
			List<Projection> projections = net.project(images.array(), imagesIn.size(), layer,
				Arrays.copyOf(sources, n), units, positions);
			for (int i = 0; i < n; i++)
				done.add(new ProjectedWinner(rows.get(i), patches.get(i), projections.get(i)));
			images.clear();
			imagesIn.clear();
			rows.clear();
			patches.clear();
			stopped = !projected.test(done.size());
		}
	}
}
