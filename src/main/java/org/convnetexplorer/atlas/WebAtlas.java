package org.convnetexplorer.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.results.FileProblems;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.visualize.VisualizationStack;

/**
 * Writes a finished run folder as a static web atlas: an index, a page per layer and per unit, the patches, and the
 * winning images as the {@link ImageChoice} allows. Plain files only (HTML, one stylesheet, one small script, JPEG
 * images), all addressed relatively: it opens from the disk (file://) or any static web server, offline.
 */
public final class WebAtlas {

	/** The folder an atlas goes to by default, inside the run folder. */
	public static final String DEFAULT_FOLDER = "atlas";
	private static final List<String> ASSETS = List.of("atlas.css", "atlas.js");

	/** What was written: where, how many files and bytes. */
	public static final class Written {
		public final Path folder;
		public final long files;
		public final long bytes;

		Written(Path folder, long files, long bytes) {
			this.folder = folder;
			this.files = files;
			this.bytes = bytes;
		}
	}

	private WebAtlas() {}

	/**
	 * @param to the atlas's folder; null for {@value #DEFAULT_FOLDER} in the run folder
	 * @param threads threads for images and pages; 0 for one per core
	 * @param status told of what is done, and of each image or layer left out with the reason
	 * @throws IOException where the run folder cannot be read or the atlas cannot be written, naming the file
	 */
	public static Written write(Path run, Path to, ImageChoice choice, int threads, Consumer<String> status)
		throws IOException, InterruptedException
	{
		Path target = to != null ? to : run.resolve(DEFAULT_FOLDER);
		AtlasRun atlasRun = AtlasRun.read(run, status);
		AtlasFolder folder = AtlasFolder.prepare(target);
		ForkJoinPool pool = new ForkJoinPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
		try {
			pool.submit(() -> {
				build(atlasRun, choice, folder.building, status);
				return null;
			}).get();
			folder.commit();
		}
		catch (ExecutionException e) {
			folder.discard();
			Throwable cause = e.getCause() instanceof UncheckedIOException ? e.getCause().getCause() : e.getCause();
			if (cause instanceof IOException) throw (IOException) cause;
			throw new IOException("writing the atlas failed: " + cause, cause);
		}
		catch (IOException | RuntimeException | InterruptedException e) {
			folder.discard();
			throw e;
		}
		finally {
			pool.shutdownNow();
		}
		return measure(target.toAbsolutePath().normalize());
	}

	/** Everything, into {@code atlas}; runs in the pool, whose threads the parallel streams below use. */
	private static void build(AtlasRun run, ImageChoice choice, Path atlas, Consumer<String> status) throws IOException {
		Files.createDirectories(atlas.resolve(Addresses.ASSETS));
		for (String asset : ASSETS)
			try (InputStream in = WebAtlas.class.getResourceAsStream(asset)) {
				Files.copy(in, atlas.resolve(Addresses.ASSETS).resolve(asset));
			}
		WholeImages whole = WholeImages.none();
		if (choice != ImageChoice.PATCHES_ONLY) {
			Files.createDirectories(atlas.resolve(WholeImages.FOLDER));
			status.accept("Copying the winning images from " + run.images);
			whole = WholeImages.copy(run.rows.values().stream().flatMap(units -> units.values().stream())
				.flatMap(List::stream).map(row -> row.image).collect(Collectors.toSet()), run.images, run.winners, choice,
				atlas, status);
		}
		List<AtlasLayer> layers = new ArrayList<>();
		for (String layer : run.rows.keySet())
			layers.add(writeLayer(run, layer, whole, atlas, status));
		IndexPage.write(run, layers, choice, atlas.resolve(Addresses.INDEX));
	}

	/** A layer's folder: its patches and projections, a page per unit, and its page. */
	private static AtlasLayer writeLayer(AtlasRun run, String name, WholeImages whole, Path atlas,
		Consumer<String> status) throws IOException
	{
		status.accept("Writing the pages of " + name);
		Map<Integer, List<TopkRow>> rows = run.units(name);
		PatchStrips patches = null;
		String noPatches = null;
		Path stack = run.folder.resolve(LayerFiles.units(name));
		try {
			if (!Files.isRegularFile(stack)) throw new IOException("the run has no " + stack.getFileName() +
				" (a shard's part has none: its merge draws them)");
			patches = PatchStrips.read(stack, run.k, false);
		}
		catch (IOException e) {
			noPatches = e.getMessage();
			status.accept("No patches for " + name + ": " + noPatches);
		}
		PatchStrips projections = projections(run, name, status);
		Layer network = run.networkLayer(name);
		int units = patches != null ? patches.units() : network != null ? network.units()
			: rows.keySet().stream().mapToInt(unit -> unit + 1).max().orElse(0);
		Path folder = Files.createDirectories(atlas.resolve(Addresses.layerFolder(name)));
		Set<Integer> visualized = writeVisualizations(run, name, folder, status);
		AtlasLayer layer = new AtlasLayer(name, units, rows, network, noPatches, projections != null, visualized);
		PatchStrips cells = patches;
		IntStream.range(0, units).parallel().forEach(unit -> {
			try {
				int count = layer.rows(unit).size();
				if (cells != null && count > 0)
					JpegFile.write(cells.strip(unit, count), folder.resolve(Addresses.patches(unit)));
				if (projections != null && count > 0)
					JpegFile.write(projections.strip(unit, count), folder.resolve(Addresses.projections(unit)));
				UnitPage.write(layer, unit, run.k, whole, folder.resolve(Addresses.unitPage(unit)));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		LayerPage.write(layer, run.k, folder.resolve(Addresses.INDEX));
		return layer;
	}

	/**
	 * The layer's feature visualisations, where the run has them ({@code visualize}): each unit's image as a JPEG
	 * beside its page. Returns the units written.
	 */
	private static Set<Integer> writeVisualizations(AtlasRun run, String layer, Path folder, Consumer<String> status) {
		Set<Integer> units = new TreeSet<>();
		try {
			for (Map.Entry<Integer, RgbImage> image : VisualizationStack.read(run.folder, layer).entrySet()) {
				JpegFile.write(image.getValue(), folder.resolve(Addresses.visualization(image.getKey())));
				units.add(image.getKey());
			}
		}
		catch (IOException | RuntimeException e) {
			status.accept("No feature visualisations for " + layer + ": " + FileProblems.reason(e));
		}
		return units;
	}

	/** The layer's deconvnet projections, where the run has them (`deconv`); else null. */
	private static PatchStrips projections(AtlasRun run, String layer, Consumer<String> status) {
		Path file = run.folder.resolve(LayerFiles.deconv(layer));
		if (!Files.isRegularFile(file)) return null;
		try {
			return PatchStrips.read(file, run.k, true);
		}
		catch (IOException e) {
			status.accept("No deconvnet projections for " + layer + ": " + e.getMessage());
			return null;
		}
	}

	private static Written measure(Path folder) throws IOException {
		long[] filesAndBytes = new long[2];
		try (Stream<Path> walk = Files.walk(folder)) {
			walk.filter(Files::isRegularFile).forEach(file -> {
				filesAndBytes[0]++;
				try {
					filesAndBytes[1] += Files.size(file);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		return new Written(folder, filesAndBytes[0], filesAndBytes[1]);
	}
}
