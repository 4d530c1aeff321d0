package org.convnetexplorer.weights;

/**
 * Receives progress of a download. Called on the downloading thread after every chunk received, so implementations
 * should be cheap (or throttle themselves).
 */
@FunctionalInterface
public interface DownloadProgress {

	/** Reports nothing. */
	DownloadProgress NONE = (bytesSoFar, totalBytes, bytesPerSecond) -> {};

	/**
	 * @param bytesSoFar bytes of the file now on disk, including bytes resumed from an earlier attempt or run; drops
	 *          back to 0 when a server that cannot resume makes the download start over
	 * @param totalBytes size of the whole file, or -1 when the server does not say
	 * @param bytesPerSecond average transfer rate of the current connection
	 */
	void update(long bytesSoFar, long totalBytes, double bytesPerSecond);

	/**
	 * Polled several times a second while downloading: true stops the download at once, keeping what was received in
	 * the {@code .part} file for the next run to resume.
	 */
	default boolean cancelled() {
		return false;
	}

	/**
	 * Called once when the download has ended, however it ended (complete, failed or stopped), and after its last
	 * {@link #update}: for a download whose size is not known, the only sign that it is over.
	 */
	default void finished() {}
}
