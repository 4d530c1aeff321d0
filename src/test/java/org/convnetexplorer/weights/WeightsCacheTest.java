package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WeightsCacheTest {

	private static final String HOME = "/home/u";

	private final Map<String, String> environment = new HashMap<>();

	@Test
	void explicitCacheVariableWins() {
		environment.put("CONVNET_EXPLORER_CACHE", "/data/weights");
		environment.put("XDG_CACHE_HOME", "/xdg");

		assertEquals(Paths.get("/data/weights"), WeightsCache.defaultDirectory(environment, HOME));
	}

	@Test
	void xdgCacheHomeComesNext() {
		environment.put("CONVNET_EXPLORER_CACHE", "");
		environment.put("XDG_CACHE_HOME", "/xdg");

		assertEquals(Paths.get("/xdg/convnet-explorer"), WeightsCache.defaultDirectory(environment, HOME));
	}

	@Test
	void homeCacheIsTheFallback() {
		assertEquals(Paths.get("/home/u/.cache/convnet-explorer"), WeightsCache.defaultDirectory(environment, HOME));
	}

	@Test
	void emptyOrRelativeXdgCacheHomeIsIgnoredAsTheSpecSays() {
		environment.put("XDG_CACHE_HOME", "");
		assertEquals(Paths.get("/home/u/.cache/convnet-explorer"), WeightsCache.defaultDirectory(environment, HOME));

		environment.put("XDG_CACHE_HOME", "relative/cache");
		assertEquals(Paths.get("/home/u/.cache/convnet-explorer"), WeightsCache.defaultDirectory(environment, HOME));
	}
}
