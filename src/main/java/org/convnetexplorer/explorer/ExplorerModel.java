package org.convnetexplorer.explorer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkRow;

/**
 * What the explorer window shows of one run, without a display: the run's layers and their units, the chosen layer and
 * unit, the grid's order and filters, the selected unit's patches and which of them is shown in its source image.
 * Every change tells the listeners, which redraw.
 */
public final class ExplorerModel {

	/** Above this length a layer name is shortened in the chooser (an ONNX node path can be very long). */
	public static final int SHORT_NAME_LENGTH = 28;

	public final RunResults run;
	private final Map<String, LayerUnits> layers = new LinkedHashMap<>();
	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
	private String layer;
	private int unit;
	private int rank = 1;
	private UnitSort sort = UnitSort.NUMBER;
	private boolean hideSilent;
	private String imageFilter = "";
	private ImageActivations ranking;
	private List<Integer> visible;

	/** @param unitCounts each layer's number of units (its stack's slices); a layer left out counts its rows' units */
	public ExplorerModel(RunResults run, Map<String, Integer> unitCounts) {
		this.run = run;
		for (String name : run.layers) {
			List<TopkRow> rows = run.rows(name);
			int units = unitCounts.getOrDefault(name, rows.stream().mapToInt(row -> row.unit + 1).max().orElse(0));
			if (units > 0) layers.put(name, new LayerUnits(units, rows));
		}
		if (layers.isEmpty()) throw new IllegalArgumentException(run.folder + " has no layer with units to show");
		layer = layers.keySet().iterator().next();
	}

	/** Opens each layer's stack file for its patches; a layer whose stack is missing or unreadable is left out. */
	public static ExplorerModel open(RunResults run, Map<String, LayerPatches> patches, List<String> problems) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String name : run.layers) {
			try {
				if (run.unitsFile(name) == null) throw new IOException("no " + name + " stack in " + run.folder);
				LayerPatches layerPatches = LayerPatches.open(run.unitsFile(name), run.top);
				patches.put(name, layerPatches);
				counts.put(name, layerPatches.units());
			}
			catch (IOException e) {
				problems.add(e.getMessage());
			}
		}
		return new ExplorerModel(run, counts);
	}

	public void addListener(Runnable listener) {
		listeners.add(listener);
	}

	public List<String> layers() {
		return new ArrayList<>(layers.keySet());
	}

	public String layer() {
		return layer;
	}

	public int units() {
		return layers.get(layer).units.size();
	}

	public int unit() {
		return unit;
	}

	public UnitAddress address() {
		return new UnitAddress(layer, unit);
	}

	public UnitSort sort() {
		return sort;
	}

	public boolean hideSilent() {
		return hideSilent;
	}

	public String imageFilter() {
		return imageFilter;
	}

	/** Goes to a layer; its unit 0, or the first unit the grid shows. */
	public void selectLayer(String name) {
		if (!layers.containsKey(name)) throw new IllegalArgumentException(run.name() + " has no layer " + name +
			"; it has " + String.join(", ", layers.keySet()));
		if (name.equals(layer)) return;
		layer = name;
		visible = null;
		unit = visibleUnits().isEmpty() ? 0 : visibleUnits().get(0);
		rank = 1;
		changed();
	}

	/** The next ({@code +1}, PgDn) or previous ({@code -1}, PgUp) layer; stays at either end. */
	public void moveLayer(int step) {
		List<String> names = layers();
		int index = Math.max(0, Math.min(names.size() - 1, names.indexOf(layer) + step));
		selectLayer(names.get(index));
	}

	/**
	 * Selects a unit of the current layer; one the grid hides becomes visible (the filters are cleared), since the user
	 * asked for it by number.
	 *
	 * @throws IllegalArgumentException for a number that is no unit of the layer
	 */
	public void selectUnit(int number) {
		if (number < 0 || number >= units()) throw new IllegalArgumentException(layer + " has units 0.." + (units() - 1) +
			", not " + number);
		if (!visibleUnits().contains(number)) {
			hideSilent = false;
			imageFilter = "";
			visible = null;
		}
		unit = number;
		rank = 1;
		changed();
	}

	/** Opens an address: its layer, then its unit. */
	public void goTo(UnitAddress address) {
		selectLayer(address.layer);
		selectUnit(address.unit);
	}

	/** The grid's unit {@code steps} places after (or before) the selected one, staying inside the grid. */
	public void moveUnit(int steps) {
		List<Integer> shown = visibleUnits();
		if (shown.isEmpty()) return;
		int at = shown.indexOf(unit);
		int index = at < 0 ? 0 : Math.max(0, Math.min(shown.size() - 1, at + steps));
		selectUnit(shown.get(index));
	}

	/**
	 * @throws IllegalArgumentException for {@link UnitSort#ON_IMAGE} before an image is ranked ({@link #rankUnitsOn})
	 */
	public void setSort(UnitSort order) {
		if (order == UnitSort.ON_IMAGE && ranking == null) throw new IllegalArgumentException(
			"Press This image's activations, or choose an image open in ImageJ, first");
		sort = order;
		visible = null;
		changed();
	}

	public void setHideSilent(boolean hide) {
		hideSilent = hide;
		visible = null;
		changed();
	}

	/** Shows only units with an image whose name holds {@code text} (ignoring case) among their top k. */
	public void setImageFilter(String text) {
		imageFilter = text == null ? "" : text.trim();
		visible = null;
		changed();
	}

	/**
	 * Orders the grid by each unit's activation on this image, strongest first, and selects the strongest unit of the
	 * layer (the Deep Visualization Toolbox's view of one image); the grid lights the units that fire on it.
	 */
	public void rankUnitsOn(ImageActivations activations) {
		ranking = activations;
		sort = UnitSort.ON_IMAGE;
		visible = null;
		List<Integer> firing = activations.firing(layer);
		if (!firing.isEmpty() && visibleUnits().contains(firing.get(0))) {
			unit = firing.get(0);
			rank = 1;
		}
		changed();
	}

	/** The image the grid was last ranked on, if any; it stays for the other layers. */
	public Optional<ImageActivations> ranking() {
		return Optional.ofNullable(ranking);
	}

	/** The units the grid shows, in the chosen order. */
	public List<Integer> visibleUnits() {
		if (visible == null) visible = layers.get(layer).units.stream()
			.filter(summary -> !hideSilent || summary.fires()).filter(summary -> summary.hasImageNamed(imageFilter))
			.sorted(order()).map(summary -> summary.unit).collect(Collectors.toUnmodifiableList());
		return visible;
	}

	private Comparator<UnitSummary> order() {
		if (sort != UnitSort.ON_IMAGE) return sort.order;
		return Comparator.comparingDouble((UnitSummary summary) -> -ranking.of(layer, summary.unit))
			.thenComparingInt(summary -> summary.unit);
	}

	public UnitSummary summary(int number) {
		return layers.get(layer).units.get(number);
	}

	/** The units of the layer that never fired on any image. */
	public long silentUnits() {
		return layers.get(layer).units.stream().filter(summary -> !summary.fires()).count();
	}

	/** The selected unit's rows in rank order: its patches. */
	public List<TopkRow> patches() {
		return summary(unit).rows;
	}

	/** Shows the patch of this rank (1-based) in its source image. */
	public void selectPatch(int rankToShow) {
		if (rankToShow < 1 || rankToShow > Math.max(1, patches().size())) throw new IllegalArgumentException(
			address() + " has no patch of rank " + rankToShow);
		rank = rankToShow;
		changed();
	}

	/** The patch whose source image the source pane shows; empty for a unit that never fired. */
	public Optional<TopkRow> shownPatch() {
		return patches().stream().filter(row -> row.rank == rank).findFirst();
	}

	/**
	 * This image's activations in the layer, as far as the run knows them: the units whose top k hold it, strongest
	 * first (a unit where the image is not among its k strongest images has no row for it).
	 */
	public List<TopkRow> activationsOn(String image) {
		return layers.get(layer).units.stream().flatMap(summary -> summary.rows.stream())
			.filter(row -> row.image.equals(image)).sorted(Comparator.comparingDouble((TopkRow row) -> row.activation)
				.reversed().thenComparingInt(row -> row.unit)).collect(Collectors.toList());
	}

	/** A patch's label: rank · activation · image name. */
	public static String label(TopkRow row) {
		String name = row.image.substring(row.image.lastIndexOf('/') + 1);
		return String.format("%d · %.3g · %s", row.rank, row.activation, name);
	}

	/** A patch in words, for the message line. */
	public static String describe(TopkRow row) {
		return String.format("%s unit %d, rank %d: activation %.4g in %s at %s", row.layer, row.unit, row.rank,
			row.activation, row.image, row.box);
	}

	/** A long layer name shortened in its middle, for the chooser (its whole name goes in the tooltip). */
	public static String shortName(String name) {
		if (name.length() <= SHORT_NAME_LENGTH) return name;
		int keep = (SHORT_NAME_LENGTH - 1) / 2;
		return name.substring(0, keep) + "…" + name.substring(name.length() - keep);
	}

	private void changed() {
		for (Runnable listener : listeners)
			listener.run();
	}

	/** A layer's units and their rows. */
	private static final class LayerUnits {
		final List<UnitSummary> units = new ArrayList<>();

		LayerUnits(int count, List<TopkRow> rows) {
			List<List<TopkRow>> byUnit = new ArrayList<>();
			for (int u = 0; u < count; u++)
				byUnit.add(new ArrayList<>());
			for (TopkRow row : rows)
				if (row.unit >= 0 && row.unit < count) byUnit.get(row.unit).add(row);
			for (int u = 0; u < count; u++) {
				byUnit.get(u).sort(Comparator.comparingInt(row -> row.rank));
				units.add(new UnitSummary(u, byUnit.get(u)));
			}
		}
	}
}
