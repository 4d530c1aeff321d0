package org.convnetexplorer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Paths;
import java.util.List;

import org.convnetexplorer.network.AlexNet;
import org.junit.jupiter.api.Test;

/** Every option checked before any work, with upper bounds from the heap and the layers' unit counts. */
class JobSettingsTest {

	private static final long ONE_GB_HEAP = 1L << 30;
	private static final long TEN_GB_DISK = 10L << 30;

	private static JobSettings settings() {
		JobSettings settings = new JobSettings();
		settings.images = Paths.get("images");
		settings.output = Paths.get("out");
		settings.decoders = 8;
		return settings;
	}

	private static String refusal(JobSettings settings) {
		return assertThrows(IllegalArgumentException.class, () -> settings.scanSettings(ONE_GB_HEAP, TEN_GB_DISK)).getMessage();
	}

	@Test
	void theDefaultsFitAOneGigabyteHeap() {
		assertEquals(8, settings().scanSettings(ONE_GB_HEAP, TEN_GB_DISK).decoders);
	}

	@Test
	void montagesGoToDiskSoATopLargerThanTheHeapFitsIsRefusedOnlyByTheDisk() {
		JobSettings settings = settings();
		settings.top = 1000;
		settings.scanSettings(ONE_GB_HEAP, Long.MAX_VALUE); // 14.4 GB of montages once had to fit the heap
		assertEquals("top 1000 makes montages of 14.4 GB, more than the 10.7 GB free on the output folder's disk; use " +
			"a smaller top or fewer layers", refusal(settings));
	}

	@Test
	void cellWhoseMontagesOverflowIsRefusedNotWrappedAround() {
		JobSettings settings = settings();
		settings.cell = 100000;
		assertEquals("top 9 with cell 100000 makes montages of more than 9 EB; use a smaller top or cell or fewer layers",
			refusal(settings));
		settings.cell = Integer.MAX_VALUE;
		refusal(settings);
	}

	@Test
	void aCellWhosePicturesFillTheHeapIsRefused() {
		JobSettings settings = settings();
		settings.cell = 2000; // an overview of 9 units × 9 patches, 18,060 × 18,020 pixels: 1.3 GB while it is composed
		assertEquals("top 9 with cell 2000 makes montage pictures of 1.3 GB, three of which take more than half of " +
			"the 1.1 GB Java heap; use a smaller top or cell or fewer layers, or give Java more memory (-Xmx, e.g. in " +
			"CONVNET_EXPLORER_JAVA_OPTS)", assertThrows(IllegalArgumentException.class,
				() -> settings.scanSettings(ONE_GB_HEAP, Long.MAX_VALUE)).getMessage());
	}

	@Test
	void batchAndDecodersWhoseBuffersExceedTheHeapAreRefused() {
		JobSettings settings = settings();
		settings.batch = 5000;
		assertEquals("batch 5000 needs 6.0 GB of image buffers, more than half of the 1.1 GB Java heap; use a smaller " +
			"batch, or give Java more memory (-Xmx, e.g. in CONVNET_EXPLORER_JAVA_OPTS)", refusal(settings));
		settings.batch = 16;
		settings.decoders = 1000;
		assertEquals("decoders 1000 with batch 16 need 9.6 GB of image buffers, more than half of the 1.1 GB Java " +
			"heap; use fewer decoders or a smaller batch, or give Java more memory (-Xmx, e.g. in " +
			"CONVNET_EXPLORER_JAVA_OPTS)", refusal(settings));
		settings.batch = Integer.MAX_VALUE;
		settings.decoders = Integer.MAX_VALUE;
		refusal(settings); // no overflow into a small product
	}

	@Test
	void unitsOutsideEveryChosenLayerAreRefused() {
		JobSettings settings = settings();
		settings.units = List.of(0, 1000);
		assertEquals("units: conv1 has units 0..63, not 1000", refusal(settings));
		settings.units = List.of(-1);
		assertEquals("units: conv1 has units 0..63, not -1", refusal(settings));
		settings.units = List.of(100);
		settings.layers = List.of(AlexNet.CONV3, AlexNet.CONV5);
		settings.scanSettings(ONE_GB_HEAP, TEN_GB_DISK); // conv3 and conv5 both have a unit 100
		settings.layers = List.of(AlexNet.CONV1, AlexNet.CONV3);
		assertEquals("units: conv1 has units 0..63, not 100", refusal(settings));
	}
}
