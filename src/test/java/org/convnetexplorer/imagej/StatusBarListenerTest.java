package org.convnetexplorer.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ij.IJ;

/** Status-bar texts and the cancel sources. */
class StatusBarListenerTest {

	@AfterEach
	void releaseEscape() {
		IJ.resetEscape();
	}

	private static final class RecordingBar implements StatusBar {
		final List<String> statuses = new ArrayList<>();
		final List<String> progress = new ArrayList<>();

		@Override
		public void showStatus(String message) {
			statuses.add(message);
		}

		@Override
		public void showProgress(int done, int total) {
			progress.add(done + "/" + total);
		}

		@Override
		public void log(String message) {}
	}

	@Test
	void progressShowsImagesRateAndTimeLeft() {
		RecordingBar bar = new RecordingBar();
		new StatusBarListener(bar, () -> false).progress(100, 400, 25);
		assertEquals(List.of("100/400"), bar.progress);
		assertEquals(List.of("ConvNet Explorer: 100/400 images, 25.0 images/s, 12 s left (Esc cancels)"), bar.statuses);
		assertEquals("2 min 5 s left", StatusBarListener.timeLeft(125));
		assertEquals("1 h 1 min left", StatusBarListener.timeLeft(3700));
		assertEquals("Downloading AlexNet weights: 50.0 of 250.0 MB, 10.0 MB/s, 20 s left",
			StatusBarListener.downloadText(50_000_000, 250_000_000, 10e6));
	}

	@Test
	void escapeOrTheCommandsCancelOrAnInterruptCancels() throws Exception {
		AtomicBoolean commandCancelled = new AtomicBoolean();
		StatusBarListener listener = new StatusBarListener(new RecordingBar(), commandCancelled::get);
		assertFalse(listener.cancelled());
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		assertTrue(listener.cancelled(), "Esc");
		IJ.resetEscape();
		commandCancelled.set(true);
		assertTrue(listener.cancelled(), "SciJava's cancel");

		StatusBarListener[] onJobThread = new StatusBarListener[1];
		CountDownLatch made = new CountDownLatch(1);
		AtomicBoolean finish = new AtomicBoolean();
		Thread job = new Thread(() -> {
			onJobThread[0] = new StatusBarListener(new RecordingBar(), () -> false);
			made.countDown();
			while (!finish.get())
				Thread.onSpinWait();
		});
		job.start();
		made.await();
		assertFalse(onJobThread[0].cancelled());
		job.interrupt();
		assertTrue(onJobThread[0].cancelled(), "an interrupt of the job's thread, asked from a scanning thread");
		finish.set(true);
		job.join();
	}
}
