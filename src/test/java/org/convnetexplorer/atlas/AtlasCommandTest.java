package org.convnetexplorer.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atlas} on a run of an ONNX model (no browser: the files): the image choices, addresses that stay the same when
 * the atlas is written again, a user's file in the atlas folder refused, a model or an image gone since the scan.
 */
class AtlasCommandTest {

	private static final String LAYERS = "features.2.depthwise,features.14";

	@TempDir
	static Path temp;
	static Path images;
	static Path model;
	static Path run;

	@BeforeAll
	static void scan() throws Exception {
		images = temp.resolve("images");
		Files.createDirectories(images);
		try (Stream<Path> natural = Files.list(Fixtures.NATURAL224)) {
			for (Path image : natural.sorted().limit(12).collect(Collectors.toList()))
				Files.copy(image, images.resolve(image.getFileName()));
		}
		model = temp.resolve("mobilenet_v2.onnx");
		Files.copy(Fixtures.ONNX.resolve("mobilenet_v2.onnx"), model);
		run = temp.resolve("run");
		Outcome scan = cli("scan", "--images", images.toString(), "--output", run.toString(), "--model", model.toString(),
			"--layers", LAYERS, "--top", "4", "--device", "cpu");
		assertEquals(0, scan.code, scan.messages);
	}

	private static final class Outcome {
		final int code;
		final String messages;

		Outcome(int code, String messages) {
			this.code = code;
			this.messages = messages;
		}
	}

	private static Outcome cli(String... args) {
		StringWriter messages = new StringWriter();
		int code = ConvNetExplorerCli.execute(new PrintWriter(messages, true), args);
		return new Outcome(code, messages.toString());
	}

	private static Set<String> files(Path folder) throws Exception {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString())
				.collect(Collectors.toSet());
		}
	}

	private static String read(Path file) throws Exception {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
	}

	@Test
	@Timeout(300)
	void imageChoicesKeepEveryAddress() throws Exception {
		Path atlas = temp.resolve("choices");
		Outcome patchesOnly = cli("atlas", "--output", run.toString(), "--to", atlas.toString(), "--no-source-images");
		assertEquals(0, patchesOnly.code, patchesOnly.messages);
		Set<String> pagesOnly = files(atlas);
		assertFalse(Files.exists(atlas.resolve(WholeImages.FOLDER)), "no copies of the user's images");
		String index = read(atlas.resolve("index.html"));
		assertTrue(index.contains(ImageChoice.PATCHES_ONLY.description), index);
		assertFalse(index.contains("not known"), index);
		assertEquals(2, index.split("<td>jump ", -1).length - 1, "both layers' receptive fields: " + index);
		List<String> units = Files.readAllLines(run.resolve("topk.csv")).stream().skip(1)
			.filter(line -> line.startsWith("features.2.depthwise,")).collect(Collectors.toList());
		String[] first = units.get(0).split(",");
		String page = read(atlas.resolve("features.2.depthwise").resolve(first[1] + ".html"));
		assertTrue(page.contains("<dd class=\"activation\">" + first[4] + "</dd>"), page);
		assertFalse(page.contains("class=\"open\""), "nothing to open without the images");
		for (int unit = 0; unit < 48; unit++)
			assertTrue(pagesOnly.contains("features.2.depthwise/" + unit + ".html"), "unit " + unit);

		Outcome small = cli("atlas", "--output", run.toString(), "--to", atlas.toString());
		assertEquals(0, small.code, small.messages);
		Set<String> withImages = files(atlas);
		assertTrue(withImages.containsAll(pagesOnly), "every address of the first atlas is still there");
		assertTrue(withImages.stream().anyMatch(file -> file.startsWith(WholeImages.FOLDER + "/")));
		assertTrue(read(atlas.resolve("index.html")).contains(ImageChoice.SMALL_COPIES.description));
		assertTrue(read(atlas.resolve("features.2.depthwise").resolve(first[1] + ".html")).contains("class=\"open\""));

		Outcome both = cli("atlas", "--output", run.toString(), "--no-source-images", "--full-images");
		assertEquals(2, both.code, both.messages);
		assertTrue(both.messages.contains("exclude each other"), both.messages);
	}

	@Test
	@Timeout(300)
	void aFileOfTheUsersInTheAtlasFolderIsLeftAlone() throws Exception {
		Path atlas = temp.resolve("users");
		assertEquals(0, cli("atlas", "--output", run.toString(), "--to", atlas.toString(), "--no-source-images").code);
		Path notes = atlas.resolve("features.14").resolve("my notes.txt");
		Files.writeString(notes, "mine");
		Set<String> before = files(atlas);
		Outcome refused = cli("atlas", "--output", run.toString(), "--to", atlas.toString());
		assertEquals(1, refused.code, refused.messages);
		assertTrue(refused.messages.contains(notes.toString()) && refused.messages.contains("left alone"),
			refused.messages);
		assertEquals("mine", Files.readString(notes));
		assertEquals(before, files(atlas), "the atlas is as it was");
		try (Stream<Path> siblings = Files.list(temp)) {
			assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("convnet-explorer-tmp")),
				"no half-written atlas left beside it");
		}
	}

	@Test
	@Timeout(300)
	void aModelOrAnImageGoneSinceTheScanIsSaidAndTheRestWritten() throws Exception {
		Path copy = temp.resolve("gone");
		Files.createDirectories(copy);
		for (String file : List.of("run.json", "topk.csv", "winners.csv", "features.14.tif", "features.2.depthwise.tif"))
			Files.copy(run.resolve(file), copy.resolve(file));
		String runJson = read(copy.resolve("run.json"));
		Path elsewhere = temp.resolve("elsewhere");
		Files.createDirectories(elsewhere);
		Path movedImages = elsewhere.resolve("images");
		copyFolder(images, movedImages);
		Files.writeString(copy.resolve("run.json"), runJson.replace("\"partial\": false", "\"partial\": true")
			.replace(images.toAbsolutePath().toString(),
			movedImages.toString()).replace(model.toAbsolutePath().toString(), elsewhere.resolve("no.onnx").toString()));
		List<String> topk = Files.readAllLines(run.resolve("topk.csv"));
		String[] winner = topk.get(1).split(",");
		Files.write(movedImages.resolve(winner[3]), new byte[] { 1, 2, 3 });
		// a topk.csv naming a file outside the images folder: that file is not copied into the atlas
		String other = topk.stream().skip(1).map(line -> line.split(",")[3]).filter(image -> !image.equals(winner[3]))
			.findFirst().orElseThrow();
		String outside = "../../secret.jpg";
		Files.copy(images.resolve(other), temp.resolve("secret.jpg"));
		Files.write(copy.resolve("topk.csv"), topk.stream().map(line -> line.replace("," + other + ",", "," + outside +
			",")).collect(Collectors.toList()));

		Outcome outcome = cli("atlas", "--output", copy.toString());
		assertEquals(0, outcome.code, outcome.messages);
		assertTrue(outcome.messages.contains("No copy of " + winner[3]), outcome.messages);
		String index = read(copy.resolve("atlas").resolve("index.html"));
		assertTrue(index.contains("not known: the model " + elsewhere.resolve("no.onnx") + " that " + copy + " scanned is gone"),
			index);
		assertTrue(index.contains("partial: stopped before every image was scanned"), index);
		String page = read(copy.resolve("atlas").resolve(winner[0]).resolve(winner[1] + ".html"));
		assertTrue(page.contains("Not shown in its image: the image changed since the scan"), page);
		assertTrue(outcome.messages.contains("No copy of " + outside + " in the atlas: it is not a path inside the " +
			"images folder"), outcome.messages);
		assertFalse(Files.exists(copy.resolve("atlas").resolve(WholeImages.FOLDER).resolve(WholeImages.fileName(
			outside))));
	}

	@Test
	@Timeout(300)
	void mergeWritesTheAtlasOfTheShardsAtTheEnd() throws Exception {
		for (String shard : List.of("1/2", "2/2")) {
			Outcome part = cli("scan", "--images", images.toString(), "--output", temp.resolve("shard" + shard.charAt(0))
				.toString(), "--model", model.toString(), "--layers", LAYERS, "--top", "4", "--device", "cpu", "--shard",
				shard);
			assertEquals(0, part.code, part.messages);
		}
		// a shard's part alone: its table, no montages yet
		Outcome part = cli("atlas", "--output", temp.resolve("shard1").toString(), "--no-source-images");
		assertEquals(0, part.code, part.messages);
		assertTrue(read(temp.resolve("shard1").resolve("atlas").resolve("features.14").resolve("index.html"))
			.contains("No patches: the run has no features.14.tif"), part.messages);
		Path merged = temp.resolve("merged");
		Outcome merge = cli("merge", "--output", merged.toString(), "--atlas", temp.resolve("shard1").toString(),
			temp.resolve("shard2").toString());
		assertEquals(0, merge.code, merge.messages);
		String index = read(merged.resolve("atlas").resolve("index.html"));
		assertTrue(index.contains("merged from</dt><dd>2 shard runs"), index);
		String[] first = Files.readAllLines(merged.resolve("topk.csv")).get(1).split(",");
		assertTrue(read(merged.resolve("atlas").resolve(first[0]).resolve(first[1] + ".html")).contains(
			"<dd class=\"activation\">" + first[4] + "</dd>"));
	}

	/** A unit's feature visualisation, where `visualize` made one, shows on its page; a unit without one has none. */
	@Test
	@Timeout(300)
	void featureVisualisationsOfTheRunShowOnTheirUnitsPages() throws Exception {
		Path copy = temp.resolve("visualized");
		copyFolder(run, copy);
		Outcome visualize = cli("visualize", "--output", copy.toString(), "--layers", "features.14", "--units", "0,3",
			"--steps", "4", "--device", "cpu");
		assertEquals(0, visualize.code, visualize.messages);
		Outcome atlas = cli("atlas", "--output", copy.toString(), "--no-source-images");
		assertEquals(0, atlas.code, atlas.messages);
		Path layer = copy.resolve("atlas").resolve("features.14");
		java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(layer.resolve("3-visualization.jpg").toFile());
		assertEquals(224 + "x" + 224, image.getWidth() + "x" + image.getHeight());
		assertTrue(read(layer.resolve("3.html")).contains("<img src=\"3-visualization.jpg\""));
		assertFalse(Files.exists(layer.resolve("1-visualization.jpg")));
		assertFalse(read(layer.resolve("1.html")).contains("visualization"));
	}

	private static void copyFolder(Path from, Path to) throws Exception {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.collect(Collectors.toList()))
				Files.copy(file, to.resolve(file.getFileName()));
		}
	}
}
