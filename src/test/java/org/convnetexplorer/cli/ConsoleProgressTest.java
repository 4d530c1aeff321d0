package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** What the console says when a signal stops a run: true to the phase it stops in. */
class ConsoleProgressTest {

	private final StringWriter lines = new StringWriter();
	private final ConsoleProgress progress = new ConsoleProgress(new PrintWriter(lines, true));

	private String lastLine() {
		String[] all = lines.toString().trim().split("\n");
		return all[all.length - 1];
	}

	@Test
	void aSignalDuringTheScanSaysTheResultsAreMarkedPartial() {
		progress.progress(16, 48, 10);
		progress.stop();
		assertTrue(progress.cancelled());
		assertTrue(lastLine().endsWith("marked partial"), lastLine());
	}

	@Test
	void aSignalWhileRenderingACompleteScanDoesNotSayPartial() {
		progress.progress(48, 48, 10);
		progress.status("Cutting receptive fields from /images");
		progress.stop();
		assertEquals("Stopping once the results are written: the scan is complete, so they are complete too " +
			"(not partial)", lastLine());
		assertFalse(lastLine().contains("marked partial"));
	}

	@Test
	void aSignalDuringTheScanAfterADownloadOfUnknownSizeSaysTheResultsAreMarkedPartial() {
		progress.update(5_000_000, -1, 1e6); // the server did not say how large: no update says it is done
		progress.finished();
		progress.progress(16, 48, 10);
		progress.stop();
		assertTrue(lastLine().endsWith("marked partial"), lastLine());
	}

	@Test
	void aSignalDuringADownloadSaysTheDownloadStopsAndIsKept() {
		progress.update(1_000_000, 244_000_000, 1e6);
		progress.stop();
		assertEquals("Stopping: the download stops now; what it received is kept for the next run", lastLine());
	}
}
