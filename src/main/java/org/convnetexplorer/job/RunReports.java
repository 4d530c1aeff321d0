package org.convnetexplorer.job;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.runfile.RunKeys;
import org.convnetexplorer.scan.ScanResult;
import org.tensorflow.TensorFlow;

/** The parts of run.json that a scan, a merge and the Spark job all write, in the order run.json lists them. */
public final class RunReports {

	private RunReports() {}

	/** What was scanned with what: the images, the network (its provenance), the layers, k and the overview units. */
	public static RunReport subject(String images, boolean recursive, Map<String, Object> provenance,
		List<String> layers, int top, List<Integer> overviewUnits)
	{
		return new RunReport()
			.put(RunKeys.IMAGES, images)
			.put(RunKeys.RECURSIVE, recursive)
			.putAll(provenance)
			.put(RunKeys.LAYERS, layers)
			.put(RunKeys.TOP, top)
			.put(RunKeys.OVERVIEW_UNITS, overviewUnits);
	}

	/** What came of it: the images counted (the listing's left-out files as skipped) and whether it is partial. */
	public static RunReport outcome(RunReport report, ScanResult scan) {
		return report.put(RunKeys.IMAGES_TOTAL, scan.total)
			.put(RunKeys.IMAGES_SCANNED, scan.scanned)
			.put(RunKeys.IMAGES_SKIPPED, scan.skipped)
			.put(RunKeys.PARTIAL, scan.partial);
	}

	/** The versions involved, last; TensorFlow's where the network ran. */
	public static RunReport versions(RunReport report, boolean networkRan) {
		report.put(RunKeys.VERSION, version());
		if (networkRan) report.put(RunKeys.TENSORFLOW_VERSION, TensorFlow.version());
		return report.put(RunKeys.JAVA_VERSION, System.getProperty("java.version"));
	}

	/** This build's version, from the jar's manifest; "development" when run from classes. */
	public static String version() {
		String version = RunReports.class.getPackage().getImplementationVersion();
		return version != null ? version : "development";
	}

	/** Sum of the heap pools' peaks, garbage included: how much heap the collector let the run use. */
	static double peakHeapMegabytes() {
		long bytes = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) bytes += pool.getPeakUsage().getUsed();
		return bytes / 1e6;
	}

	/** Seconds and rates as run.json gives them: to the millisecond. */
	public static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	static double secondsSince(long nanoTime) {
		return (System.nanoTime() - nanoTime) * 1e-9;
	}
}
