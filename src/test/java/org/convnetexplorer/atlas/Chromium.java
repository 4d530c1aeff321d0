package org.convnetexplorer.atlas;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.logging.Level;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium driven through Debian's chromedriver, named explicitly so that Selenium never looks for (or
 * downloads) a driver itself. Without chromium the test is skipped with the reason, except in CI (CI=true), which
 * installs it and where its absence is a failure.
 */
final class Chromium {

	private static final String[] BROWSERS = { "/usr/bin/chromium", "/usr/bin/chromium-browser" };
	private static final String DRIVER = "/usr/bin/chromedriver";

	private Chromium() {}

	static ChromeDriver start(int width, int height) {
		String browser = null;
		for (String candidate : BROWSERS)
			if (Files.isExecutable(Paths.get(candidate))) browser = candidate;
		if (browser == null || !Files.isExecutable(Paths.get(DRIVER))) {
			String reason = "chromium and chromedriver are not installed (apt-get install chromium chromium-driver): " +
				"the atlas's browser test needs them";
			if ("true".equals(System.getenv("CI"))) Assertions.fail(reason);
			Assumptions.abort(reason);
		}
		System.setProperty("webdriver.chrome.driver", DRIVER);
		System.setProperty("SE_OFFLINE", "true");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			"--window-size=" + width + "," + height, "--no-first-run", "--disable-extensions",
			"--disable-background-networking", "--disable-component-update", "--disable-sync");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.withLogFile(logFile().toFile()).build();
		return new ChromeDriver(service, options);
	}

	private static Path logFile() {
		return Paths.get("target", "chromedriver.log");
	}
}
