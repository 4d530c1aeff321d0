package org.convnetexplorer.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The atlas of a real run (the demo network over the demo images, one renamed to a name full of HTML), written by
 * {@code scan --atlas} and browsed in headless Chromium from file:// without network: what the pages show is compared
 * with topk.csv, read here line by line, and with the original image files.
 */
class AtlasBrowserTest {

	/** A winner's name that HTML would take for markup, and that an address would take for a query or fragment. */
	private static final String ODD_NAME = "odd <b>name<i> & \"q\" #1 %41?.jpg";
	private static final String RENAMED = "cat-face.jpg";

	@TempDir
	static Path temp;
	static Path images;
	static Path run;
	static ChromeDriver browser;
	/** topk.csv: layer → unit → rows (fields as text). */
	static Map<String, Map<Integer, List<String[]>>> topk;

	@BeforeAll
	static void scanAndBrowse() throws Exception {
		browser = Chromium.start(1280, 1000);
		images = temp.resolve("images");
		Files.createDirectories(images);
		try (Stream<Path> demo = Files.list(Paths.get("src", "demo", "images"))) {
			for (Path image : demo.filter(p -> p.toString().endsWith(".jpg")).collect(Collectors.toList()))
				Files.copy(image, images.resolve(image.getFileName().toString().equals(RENAMED) ? ODD_NAME
					: image.getFileName().toString()));
		}
		run = temp.resolve("run");
		StringWriter messages = new StringWriter();
		int code = ConvNetExplorerCli.execute(new PrintWriter(messages, true), "scan", "--images", images.toString(),
			"--output", run.toString(), "--weights", "demo", "--cache", temp.resolve("cache").toString(), "--layers",
			"conv1,conv5", "--device", "cpu", "--atlas");
		assertEquals(0, code, messages.toString());
		assertTrue(messages.toString().contains("Atlas: "), messages.toString());
		topk = readTopk(run.resolve("topk.csv"));
	}

	@AfterAll
	static void quit() {
		if (browser != null) browser.quit();
	}

	/** topk.csv as text fields; the one quoted name (ours) is read as CSV quotes it. */
	private static Map<String, Map<Integer, List<String[]>>> readTopk(Path file) throws Exception {
		Map<String, Map<Integer, List<String[]>>> rows = new TreeMap<>();
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		assertEquals("layer,unit,rank,image,activation,fy,fx,x0,y0,x1,y1", lines.get(0));
		for (String line : lines.subList(1, lines.size())) {
			String quoted = "\"" + ODD_NAME.replace("\"", "\"\"") + "\"";
			String[] f = line.replace(quoted, "ODD").split(",");
			if (f[3].equals("ODD")) f[3] = ODD_NAME;
			rows.computeIfAbsent(f[0], l -> new TreeMap<>()).computeIfAbsent(Integer.parseInt(f[1]),
				u -> new ArrayList<>()).add(f);
		}
		return rows;
	}

	private static String url(String relative) {
		return run.resolve("atlas").resolve(relative).toUri().toString();
	}

	@Test
	@Timeout(300)
	void browseFromTheIndexToAUnitAndItsImage() throws Exception {
		browser.get(url("index.html"));
		assertTrue(browser.findElement(By.cssSelector(".facts")).getText().contains("small copies"));
		browser.findElement(By.linkText("conv5")).click();
		assertTrue(browser.getCurrentUrl().endsWith("/atlas/conv5/index.html"), browser.getCurrentUrl());

		List<WebElement> tiles = browser.findElements(By.cssSelector("#units li"));
		assertEquals(256, tiles.size(), "every unit of conv5");
		long firing = topk.get("conv5").size();
		assertEquals(firing, visibleTiles().size(), "units that never fire are hidden");
		new Select(browser.findElement(By.id("sort"))).selectByValue("top");
		List<Integer> sorted = visibleTiles().stream().map(t -> Integer.parseInt(t.getAttribute("data-unit")))
			.collect(Collectors.toList());
		List<Integer> expected = topk.get("conv5").entrySet().stream().sorted((a, b) -> Float.compare(
			Float.parseFloat(b.getValue().get(0)[4]), Float.parseFloat(a.getValue().get(0)[4])))
			.map(Map.Entry::getKey).collect(Collectors.toList());
		assertEquals(expected, sorted, "sorted by each unit's highest activation in topk.csv");

		visibleTiles().get(0).findElement(By.tagName("a")).click();
		assertTrue(browser.getCurrentUrl().endsWith("/atlas/conv5/" + sorted.get(0) + ".html"), browser.getCurrentUrl());
		assertRowsShown("conv5", sorted.get(0));

		// from a unit with a previous and a next one
		int top = Math.min(Math.max(sorted.get(0), 1), 254);
		browser.get(url("conv5/" + top + ".html"));

		browser.findElement(By.id("next")).click();
		assertTrue(browser.getCurrentUrl().endsWith("/conv5/" + (top + 1) + ".html"), browser.getCurrentUrl());
		assertRowsShown("conv5", top + 1);
		browser.findElement(By.id("prev")).click();
		browser.findElement(By.id("prev")).click();
		assertTrue(browser.getCurrentUrl().endsWith("/conv5/" + (top - 1) + ".html"), browser.getCurrentUrl());
		new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/" + top + ".html"));
		browser.findElement(By.id("layer")).click();
		assertTrue(browser.getCurrentUrl().endsWith("/conv5/index.html"), browser.getCurrentUrl());
		assertNoConsoleErrorsNorFetches();
	}

	@Test
	@Timeout(300)
	void aPatchOpensItsImageWithTheBoxAndTheMaximum() throws Exception {
		// the unit where the oddly named image ranks highest: its name must come through as text
		String[] odd = topk.get("conv5").values().stream().flatMap(List::stream).filter(r -> r[3].equals(ODD_NAME))
			.min((a, b) -> Integer.compare(Integer.parseInt(a[2]), Integer.parseInt(b[2])))
			.orElseThrow(() -> new AssertionError(ODD_NAME + " wins no conv5 unit"));
		int unit = Integer.parseInt(odd[1]);
		browser.get(url("conv5/" + unit + ".html"));
		assertRowsShown("conv5", unit);

		assertEquals(List.of(), browser.findElements(By.cssSelector("dd.image b, dd.image i")), "the name is text");
		screenshot("atlas-unit.png");
		WebElement winner = browser.findElement(By.id("rank-" + odd[2]));
		winner.findElement(By.cssSelector("a.open .patch")).click();
		WebElement viewer = browser.findElement(By.id("viewer"));
		WebElement image = browser.findElement(By.id("viewer-image"));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> viewer.isDisplayed() &&
			((Number) script("return arguments[0].naturalWidth", image)).intValue() > 0 &&
			image.getRect().getWidth() > 400);
		assertTrue(browser.findElement(By.id("viewer-caption")).getText().contains(ODD_NAME));

		BufferedImage original = ImageIO.read(images.resolve(ODD_NAME).toFile());
		Path copy = Paths.get(new URI(image.getAttribute("src")));
		assertSamePicture(original, ImageIO.read(copy.toFile()));

		double[] imageBox = rect(image);
		double[] box = rect(browser.findElement(By.id("viewer-box")));
		double[] max = rect(browser.findElement(By.id("viewer-max")));
		double x0 = Double.parseDouble(odd[7]), y0 = Double.parseDouble(odd[8]);
		double x1 = Double.parseDouble(odd[9]), y1 = Double.parseDouble(odd[10]);
		double sx = imageBox[2] / original.getWidth(), sy = imageBox[3] / original.getHeight();
		assertEquals(imageBox[0] + x0 * sx, box[0], 1.5, "box left");
		assertEquals(imageBox[1] + y0 * sy, box[1], 1.5, "box top");
		assertEquals((x1 - x0) * sx, box[2], 1.5, "box width");
		assertEquals((y1 - y0) * sy, box[3], 1.5, "box height");
		assertEquals(imageBox[0] + (x0 + x1) / 2 * sx, max[0] + max[2] / 2, 1.5, "maximum's x");
		assertEquals(imageBox[1] + (y0 + y1) / 2 * sy, max[1] + max[3] / 2, 1.5, "maximum's y");

		screenshot("atlas-unit-viewer.png");
		new Actions(browser).sendKeys(Keys.ESCAPE).perform();
		assertFalse(viewer.isDisplayed(), "Esc closes the larger view");
		assertNoConsoleErrorsNorFetches();
	}

	@Test
	@Timeout(300)
	void unitsThatNeverFireAreHiddenUntilAsked() throws Exception {
		// the run with conv1 unit 3's rows taken out: as if it had never fired
		Path silent = temp.resolve("silent");
		Files.createDirectories(silent);
		for (String file : List.of("run.json", "winners.csv", "conv1.tif", "conv5.tif"))
			Files.copy(run.resolve(file), silent.resolve(file));
		Files.write(silent.resolve("topk.csv"), Files.readAllLines(run.resolve("topk.csv")).stream()
			.filter(line -> !line.startsWith("conv1,3,")).collect(Collectors.toList()));
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(new StringWriter(), true), "atlas", "--output",
			silent.toString(), "--no-source-images"));
		browser.get(silent.resolve("atlas").resolve("conv1").resolve("index.html").toUri().toString());
		WebElement unit3 = browser.findElement(By.cssSelector("#units li[data-unit='3']"));
		assertFalse(unit3.isDisplayed(), "hidden");
		assertEquals(63, visibleTiles().size());
		browser.findElement(By.id("hide-silent")).click();
		assertTrue(unit3.isDisplayed(), "shown when asked");
		assertTrue(unit3.getText().contains("never fires"), unit3.getText());
		assertEquals(64, visibleTiles().size());
		unit3.findElement(By.tagName("a")).click();
		assertTrue(browser.findElement(By.cssSelector(".lead")).getText().contains("never fired"));
		assertEquals(List.of(), browser.findElements(By.cssSelector("li.winner")));
		assertNoConsoleErrors();
	}

	/** The page's rank, activation and image name of each patch are topk.csv's rows for the unit, in order. */
	private static void assertRowsShown(String layer, int unit) {
		List<String[]> rows = topk.get(layer).get(unit);
		List<WebElement> winners = browser.findElements(By.cssSelector("li.winner"));
		assertEquals(rows.size(), winners.size(), layer + " unit " + unit);
		for (int i = 0; i < rows.size(); i++) {
			WebElement shown = winners.get(i);
			assertEquals(rows.get(i)[2], shown.findElement(By.cssSelector("dd.rank")).getText());
			assertEquals(rows.get(i)[4], shown.findElement(By.cssSelector("dd.activation")).getText());
			assertEquals(rows.get(i)[3], shown.findElement(By.cssSelector("dd.image")).getText());
		}
	}

	private static List<WebElement> visibleTiles() {
		return browser.findElements(By.cssSelector("#units li")).stream().filter(WebElement::isDisplayed)
			.collect(Collectors.toList());
	}

	private static Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) browser).executeScript(script, arguments);
	}

	/** Left, top, width, height of an element's border box, in CSS pixels. */
	private static double[] rect(WebElement element) {
		@SuppressWarnings("unchecked")
		List<Number> r = (List<Number>) script("var r = arguments[0].getBoundingClientRect();" +
			"return [r.left, r.top, r.width, r.height];", element);
		return r.stream().mapToDouble(Number::doubleValue).toArray();
	}

	/** The copy shows the original: same proportions, and pixels within JPEG and scaling error of the original's. */
	private static void assertSamePicture(BufferedImage original, BufferedImage copy) {
		assertEquals((double) original.getWidth() / original.getHeight(), (double) copy.getWidth() / copy.getHeight(),
			0.01, "proportions");
		BufferedImage scaled = new BufferedImage(copy.getWidth(), copy.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = scaled.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(original.getScaledInstance(copy.getWidth(), copy.getHeight(), java.awt.Image.SCALE_AREA_AVERAGING),
			0, 0, null);
		g.dispose();
		long difference = 0;
		for (int y = 0; y < copy.getHeight(); y++)
			for (int x = 0; x < copy.getWidth(); x++) {
				int a = scaled.getRGB(x, y), b = copy.getRGB(x, y);
				for (int shift = 0; shift < 24; shift += 8)
					difference += Math.abs((a >> shift & 0xff) - (b >> shift & 0xff));
			}
		double mean = difference / (3.0 * copy.getWidth() * copy.getHeight());
		assertTrue(mean < 6, "mean difference per channel " + mean);
	}

	/** Nothing went wrong in the page's scripts, and every resource it loaded is a file of the atlas. */
	private static void assertNoConsoleErrorsNorFetches() {
		assertNoConsoleErrors();
		@SuppressWarnings("unchecked")
		List<String> loaded = (List<String>) script(
			"return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
		String atlas = run.resolve("atlas").toUri().toString();
		for (String resource : loaded)
			assertTrue(resource.startsWith(atlas), resource + " is not a file of the atlas");
	}

	private static void assertNoConsoleErrors() {
		List<String> problems = new ArrayList<>();
		for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER))
			if (entry.getLevel().intValue() >= Level.WARNING.intValue())
				problems.add(entry.getLevel() + " " + entry.getMessage());
		assertEquals(List.of(), problems, "console messages");
	}

	private static void screenshot(String name) throws Exception {
		Path folder = Files.createDirectories(Paths.get("target", "screenshots"));
		Files.write(folder.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
	}
}
