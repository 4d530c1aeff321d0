package org.convnetexplorer.atlas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Prints how long pages of an atlas take to load in headless Chromium from file:// (navigation start to the end of
 * the load event, stylesheet, script and patches included): a measurement, not a test. Off by default;
 * {@code scripts/bench-atlas} runs it with {@code -Dbenchmark.atlas=DIR}.
 */
@EnabledIfSystemProperty(named = "benchmark.atlas", matches = ".+")
class AtlasLoadBenchmarkTest {

	private static final Path ATLAS = Paths.get(System.getProperty("benchmark.atlas", ""));
	private static final int LOADS = 5;

	@Test
	void printPageLoadTimes() throws Exception {
		List<String> pages = new ArrayList<>(List.of("index.html", "conv1/0.html", "conv3/17.html", "conv5/200.html",
			"conv3/index.html"));
		pages.removeIf(page -> !Files.isRegularFile(ATLAS.resolve(page)));
		ChromeDriver browser = Chromium.start(1280, 1000);
		try {
			browser.get(ATLAS.resolve("index.html").toUri().toString()); // starts the browser's own machinery
			for (String page : pages) {
				double[] millis = new double[LOADS];
				for (int i = 0; i < LOADS; i++) {
					browser.get("about:blank");
					browser.get(ATLAS.resolve(page).toUri().toString());
					millis[i] = ((Number) ((JavascriptExecutor) browser).executeScript(
						"var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;"))
						.doubleValue();
				}
				Arrays.sort(millis);
				System.out.println(String.format(Locale.ROOT, "atlas page load: %-18s median %6.1f ms, " +
					"slowest %6.1f ms (%d loads)", page, millis[LOADS / 2], millis[LOADS - 1], LOADS));
			}
		}
		finally {
			browser.quit();
		}
	}
}
