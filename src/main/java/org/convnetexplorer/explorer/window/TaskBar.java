package org.convnetexplorer.explorer.window;

import java.awt.BorderLayout;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

import org.convnetexplorer.job.TimeLeft;

/**
 * The window's bottom line: the last message (kept until the next one), one progress bar with the count and the time
 * left of whatever runs, and Stop (also Esc). Long work runs on its own thread, one task at a time.
 */
final class TaskBar extends JPanel {

	/** What a running task reports and polls. */
	interface Progress {
		void message(String text);

		void progress(int done, int total);

		boolean cancelled();
	}

	/** Work that runs off the event thread. */
	interface Work {
		void run(Progress progress) throws Exception;
	}

	private final JLabel message = new JLabel(" ");
	private final JProgressBar bar = new JProgressBar();
	private final JButton stop = new JButton("Stop");
	private volatile AtomicBoolean running;

	TaskBar() {
		super(new BorderLayout(8, 0));
		setBorder(BorderFactory.createEmptyBorder(3, 6, 3, 6));
		message.setName("message");
		bar.setName("progress");
		bar.setStringPainted(true);
		bar.setString("");
		bar.setVisible(false);
		bar.setPreferredSize(new java.awt.Dimension(280, bar.getPreferredSize().height));
		stop.setName("stop");
		stop.setEnabled(false);
		stop.setToolTipText("Stops the running task (Esc)");
		stop.addActionListener(e -> cancel());
		JPanel right = new JPanel(new BorderLayout(6, 0));
		right.add(bar, BorderLayout.CENTER);
		right.add(stop, BorderLayout.EAST);
		add(message, BorderLayout.CENTER);
		add(right, BorderLayout.EAST);
	}

	/** Esc anywhere in the window stops the running task. */
	void bindEscape(JComponent root) {
		root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "stop");
		root.getActionMap().put("stop", new AbstractAction() {
			@Override
			public void actionPerformed(ActionEvent e) {
				cancel();
			}
		});
	}

	/** Shows a message and keeps it until the next (from any thread). */
	void say(String text) {
		if (!SwingUtilities.isEventDispatchThread()) {
			SwingUtilities.invokeLater(() -> say(text));
			return;
		}
		message.setText(text);
		message.setToolTipText(text);
	}

	String lastMessage() {
		return message.getText();
	}

	boolean busy() {
		return running != null;
	}

	/**
	 * Runs {@code work} on its own thread with the progress bar; {@code done} gets null or the failure on the event
	 * thread. Refused (with a message) while another task runs.
	 */
	void start(String name, Work work, Consumer<Exception> done) {
		if (running != null) {
			say("Wait for the running task to finish, or press Stop (Esc)");
			return;
		}
		Progress progress = begin(name);
		Thread thread = new Thread(() -> {
			Exception failure = null;
			try {
				work.run(progress);
			}
			catch (Exception e) {
				failure = e;
			}
			Exception result = failure;
			SwingUtilities.invokeLater(() -> finished(done, result));
		}, "ConvNet Explorer: " + name);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Shows a task that runs on another thread (a scan on its command's thread) with the bar and Stop; call
	 * {@link #end} on the event thread when it ends.
	 */
	Progress begin(String name) {
		AtomicBoolean cancelled = new AtomicBoolean();
		running = cancelled;
		stop.setEnabled(true);
		bar.setVisible(true);
		bar.setIndeterminate(true);
		bar.setString(name);
		say(name + "…");
		return progressOf(cancelled);
	}

	void end() {
		running = null;
		stop.setEnabled(false);
		bar.setVisible(false);
	}

	/** The time left counts from the first count reported, past the setup before it (loading a network). */
	private Progress progressOf(AtomicBoolean cancelled) {
		return new Progress() {
			private long firstTime;
			private int firstDone = -1;

			@Override
			public void message(String text) {
				SwingUtilities.invokeLater(() -> say(text));
			}

			@Override
			public void progress(int done, int total) {
				if (firstDone < 0) {
					firstDone = done;
					firstTime = System.nanoTime();
				}
				String text = done + "/" + total + timeLeft(done - firstDone, total - firstDone,
					(System.nanoTime() - firstTime) * 1e-9);
				SwingUtilities.invokeLater(() -> {
					bar.setIndeterminate(false);
					bar.setMaximum(Math.max(1, total));
					bar.setValue(done);
					bar.setString(text);
				});
			}

			@Override
			public boolean cancelled() {
				return cancelled.get();
			}
		};
	}

	/** The message for a task that ended with {@code failure}: stopped by the user, or failed and why. */
	static String failed(String task, Exception failure) {
		return failure instanceof CancellationException ? task + " stopped" : task + " failed: " + failure.getMessage();
	}

	static String timeLeft(int done, int total, double seconds) {
		if (done <= 0 || done >= total) return "";
		return ", " + TimeLeft.format(TimeLeft.seconds(seconds, done, total)) + " left";
	}

	private void finished(Consumer<Exception> done, Exception failure) {
		end();
		done.accept(failure);
	}

	private void cancel() {
		AtomicBoolean task = running;
		if (task == null) return;
		task.set(true);
		say("Stopping…");
	}
}
