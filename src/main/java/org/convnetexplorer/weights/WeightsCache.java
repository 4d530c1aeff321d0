package org.convnetexplorer.weights;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Where downloaded and extracted weight files are kept for the current user, unless the caller picks another folder
 * (the Fiji command uses a visible one inside Fiji.app).
 */
public final class WeightsCache {

	/** Environment variable naming the cache folder itself. */
	public static final String CACHE_ENV = "CONVNET_EXPLORER_CACHE";

	private static final String FOLDER_NAME = "convnet-explorer";

	private WeightsCache() {}

	/**
	 * {@code $CONVNET_EXPLORER_CACHE} if set, else {@code $XDG_CACHE_HOME/convnet-explorer}, else
	 * {@code ~/.cache/convnet-explorer}. The folder is not created here.
	 */
	public static Path defaultDirectory() {
		return defaultDirectory(System.getenv(), System.getProperty("user.home"));
	}

	static Path defaultDirectory(Map<String, String> environment, String userHome) {
		String explicit = environment.get(CACHE_ENV);
		if (explicit != null && !explicit.isEmpty()) {
			return Paths.get(explicit);
		}
		// The XDG Base Directory spec says to ignore an empty or relative XDG_CACHE_HOME.
		String xdgCache = environment.get("XDG_CACHE_HOME");
		if (xdgCache != null && Paths.get(xdgCache).isAbsolute()) {
			return Paths.get(xdgCache, FOLDER_NAME);
		}
		return Paths.get(userHome, ".cache", FOLDER_NAME);
	}
}
