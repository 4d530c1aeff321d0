package org.convnetexplorer.explorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer window's model on a run folder written here the way a scan writes it (run.json, topk.csv, a stack per
 * layer whose cells each have their own colour), without a display.
 */
class ExplorerModelTest {

	private static final int TOP = 4;
	private static final int CELL = 6;

	@TempDir
	Path temp;

	private RunResults run;
	private final Map<String, LayerPatches> patches = new LinkedHashMap<>();
	private ExplorerModel model;

	/**
	 * conv2: 5 units. Unit 0 fires on 2 images (best 3), unit 1 never, unit 2 on 4 (best 9), unit 3 on 1 (best 5),
	 * unit 4 never. A long-named second layer with 2 units.
	 */
	@BeforeEach
	void writeRun() throws IOException {
		Path output = Files.createDirectories(temp.resolve("my run"));
		String deep = "/model/inception4e/branch3/conv/Conv_output_0";
		new RunReport().put("images", "/data/imgs").put("top", TOP).put("layers", List.of("conv2", deep))
			.put("weights", "/w/alexnet.pth").put("partial", true).write(output.resolve("run.json"));
		List<TopkRow> rows = new ArrayList<>();
		rows.add(row("conv2", 0, 1, "a/cat.png", 3f));
		rows.add(row("conv2", 0, 2, "dog.png", 1f));
		for (int rank = 1; rank <= 4; rank++)
			rows.add(row("conv2", 2, rank, rank == 3 ? "cat2.png" : "x" + rank + ".png", 10f - rank));
		rows.add(row("conv2", 3, 1, "dog.png", 5f));
		rows.add(row(deep, 1, 1, "dog.png", 2f));
		TopkCsv.write(rows, output.resolve("topk.csv"));
		writeStack(output.resolve("conv2.tif"), 5);
		writeStack(output.resolve(org.convnetexplorer.results.LayerFiles.units(deep)), 2);
		run = RunResults.read(output);
		List<String> problems = new ArrayList<>();
		model = ExplorerModel.open(run, patches, problems);
		assertEquals(List.of(), problems);
	}

	private static TopkRow row(String layer, int unit, int rank, String image, float activation) {
		return new TopkRow(layer, unit, rank, image, activation, 1, 2, new Box(-18 + rank, 10, 33 + rank, 61));
	}

	/** Each cell filled with colour (unit << 8 | rank): a cut patch says where it came from. */
	private static void writeStack(Path file, int units) throws IOException {
		MontageLayout layout = new MontageLayout(CELL, TOP);
		Montage stack = new Montage("stack", layout.width(), layout.height());
		for (int unit = 0; unit < units; unit++) {
			int[] slice = new int[layout.width() * layout.height()];
			for (int rank0 = 0; rank0 < TOP; rank0++)
				for (int y = 0; y < CELL; y++)
					for (int x = 0; x < CELL; x++)
						slice[(layout.cellY(rank0) + y) * layout.width() + layout.cellX(rank0) + x] = unit << 8 | rank0 + 1;
			stack.addSlice("unit " + unit, slice);
		}
		MontageFiles.write(stack, file);
	}

	@Test
	void runFactsComeFromRunJson() {
		assertEquals("my run", run.name());
		assertTrue(run.partial);
		assertFalse(run.merged);
		assertTrue(run.builtInAlexNet);
		assertEquals("/w/alexnet.pth", run.network);
		assertEquals(TOP, run.top);
		assertEquals(Path.of("/data/imgs/a/cat.png"), run.sourceOf(run.rows("conv2").get(0)));
	}

	@Test
	void aModelsRunIsReadWithItsMergeAndPartialMarks() throws IOException {
		Path model = Files.createDirectories(temp.resolve("model run"));
		new RunReport().put("images", "/data/imgs").put("top", TOP).put("layers", List.of("conv2"))
			.put("model", "/m/googlenet.onnx").put("merged_from", List.of("/a", "/b")).write(model.resolve("run.json"));
		TopkCsv.write(List.of(), model.resolve("topk.csv"));
		RunResults modelRun = RunResults.read(model);
		assertFalse(modelRun.builtInAlexNet);
		assertTrue(modelRun.merged);
		assertFalse(modelRun.partial, "a run.json without the key is not partial");
	}

	@Test
	void unitsCountFromTheStackAndSilentOnesCanBeHidden() {
		assertEquals("conv2", model.layer());
		assertEquals(5, model.units(), "the stack's slices, also units without rows");
		assertEquals(List.of(0, 1, 2, 3, 4), model.visibleUnits());
		assertEquals(2, model.silentUnits());
		model.setHideSilent(true);
		assertEquals(List.of(0, 2, 3), model.visibleUnits());
	}

	@Test
	void sortsByHighestActivationAndByImagesFiredOn() {
		model.setSort(UnitSort.HIGHEST_ACTIVATION);
		assertEquals(List.of(2, 3, 0, 1, 4), model.visibleUnits(), "9, 5, 3, then the silent ones by number");
		model.setSort(UnitSort.IMAGES_FIRED_ON);
		assertEquals(List.of(2, 0, 3, 1, 4), model.visibleUnits(), "4, 2, 1 images, then none");
	}

	@Test
	void unitsRankByTheirActivationOnOneImage() {
		assertThrows(IllegalArgumentException.class, () -> model.setSort(UnitSort.ON_IMAGE), "no image ranked yet");
		model.rankUnitsOn(new ImageActivations("dog.png", Map.of("conv2", new float[] { 1, 0, 0.5f, 5, 0 })));
		assertEquals(UnitSort.ON_IMAGE, model.sort());
		assertEquals(List.of(3, 0, 2, 1, 4), model.visibleUnits(), "5, 1, 0.5, then the units silent on it");
		assertEquals(3, model.unit(), "the strongest unit is selected");
		assertEquals(List.of(3, 0, 2), model.ranking().orElseThrow().firing("conv2"));
		model.moveLayer(1);
		assertEquals(List.of(0, 1), model.visibleUnits(), "a layer it has no activations of keeps unit order");
	}

	@Test
	void filtersByImageNameIgnoringCase() {
		model.setImageFilter(" CAT ");
		assertEquals(List.of(0, 2), model.visibleUnits());
		model.setImageFilter("dog");
		assertEquals(List.of(0, 3), model.visibleUnits());
	}

	@Test
	void aUnitAskedForByNumberIsShownEvenWhenFilteredOut() {
		model.setImageFilter("dog");
		model.setHideSilent(true);
		model.selectUnit(2);
		assertEquals(2, model.unit());
		assertEquals("", model.imageFilter());
		assertFalse(model.hideSilent());
		assertTrue(model.visibleUnits().contains(2));
		IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> model.selectUnit(5));
		assertEquals("conv2 has units 0..4, not 5", wrong.getMessage());
	}

	@Test
	void layersMoveByPageAndStayAtTheEnds() {
		AtomicInteger changes = new AtomicInteger();
		model.addListener(changes::incrementAndGet);
		model.moveLayer(-1);
		assertEquals("conv2", model.layer());
		model.moveLayer(1);
		assertEquals(2, model.units());
		model.moveLayer(1);
		assertTrue(model.layer().endsWith("Conv_output_0"));
		assertEquals(1, changes.get(), "one change: staying at an end changes nothing");
		assertEquals("/model/incept…Conv_output_0", ExplorerModel.shortName(model.layer()));
		assertEquals("conv2", ExplorerModel.shortName("conv2"));
	}

	@Test
	void anAddressOpensItsLayerAndUnitAndNamesWhatIsWrong() {
		model.goTo(new UnitAddress("conv2", 3));
		assertEquals(new UnitAddress("conv2", 3), model.address());
		assertEquals("dog.png", model.shownPatch().orElseThrow().image);
		IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
			() -> model.goTo(new UnitAddress("conv9", 0)));
		assertTrue(wrong.getMessage().startsWith("my run has no layer conv9; it has conv2, /model/"), wrong.getMessage());
		assertEquals("run(\"Show ConvNet Unit\", \"output=[/o] layer=[conv2] unit=3\");",
			new UnitAddress("conv2", 3).macro(Path.of("/o")));
	}

	@Test
	void aClickedPatchNamesItsImageAndField() {
		model.selectUnit(2);
		assertEquals(List.of(1, 2, 3, 4), model.patches().stream().map(r -> r.rank).collect(
			java.util.stream.Collectors.toList()));
		model.selectPatch(3);
		TopkRow shown = model.shownPatch().orElseThrow();
		assertEquals("cat2.png", shown.image);
		assertEquals(new Box(-15, 10, 36, 61), shown.box);
		assertEquals("3 · 7.00 · cat2.png", ExplorerModel.label(shown));
		assertThrows(IllegalArgumentException.class, () -> model.selectPatch(5));
		model.selectUnit(1);
		assertTrue(model.shownPatch().isEmpty(), "a silent unit has no patch");
	}

	@Test
	void activationsOnAnImageRankTheUnitsThatHoldIt() {
		List<TopkRow> onDog = model.activationsOn("dog.png");
		assertEquals(List.of(3, 0), onDog.stream().map(r -> r.unit).collect(java.util.stream.Collectors.toList()));
		assertEquals(List.of(5f, 1f), onDog.stream().map(r -> r.activation).collect(java.util.stream.Collectors.toList()));
	}

	@Test
	void patchesAreTheStacksCellsOfThatUnitAndRank() throws IOException {
		List<RgbImage> cells = patches.get("conv2").patches(3, TOP);
		assertEquals(TOP, cells.size());
		for (int rank = 1; rank <= TOP; rank++) {
			int[] expected = new int[CELL * CELL];
			java.util.Arrays.fill(expected, 3 << 8 | rank);
			int[] rgb = java.util.Arrays.stream(cells.get(rank - 1).pixels()).map(p -> p & 0xffffff).toArray();
			assertArrayEquals(expected, rgb, "unit 3, rank " + rank);
		}
	}

	@Test
	void aMissingStackIsSaidAndItsLayerCountsItsRowsUnits() throws IOException {
		Files.delete(run.folder.resolve("conv2.tif"));
		List<String> problems = new ArrayList<>();
		ExplorerModel withoutStack = ExplorerModel.open(run, new LinkedHashMap<>(), problems);
		assertEquals(List.of("no conv2 stack in " + run.folder), problems);
		assertEquals(4, withoutStack.units(), "units 0..3 have rows");
	}
}
