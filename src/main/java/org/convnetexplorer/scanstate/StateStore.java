package org.convnetexplorer.scanstate;

import java.io.IOException;
import java.nio.file.Files;

import org.convnetexplorer.results.OutputFolder;

/** Where a scan keeps its state: {@value ScanState#FILE_NAME} in its output folder, or nowhere (a Spark partition's). */
public interface StateStore {

	StateStore NONE = new StateStore() {
		@Override
		public void save(ScanState state) {}

		@Override
		public void remove() {}
	};

	/** Replaces the state kept, all at once: a kill at any moment leaves the old state or the new one. */
	void save(ScanState state) throws IOException;

	/** Removes the state kept, if any. */
	void remove() throws IOException;

	/** The output folder's {@value ScanState#FILE_NAME}, written under a temporary name and renamed when complete. */
	static StateStore in(OutputFolder output) {
		return new StateStore() {
			@Override
			public void save(ScanState state) throws IOException {
				output.write(ScanState.FILE_NAME, state::write);
			}

			@Override
			public void remove() throws IOException {
				Files.deleteIfExists(output.resolve(ScanState.FILE_NAME));
			}
		};
	}
}
