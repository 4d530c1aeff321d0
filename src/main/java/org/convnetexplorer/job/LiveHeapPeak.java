package org.convnetexplorer.job;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The most heap in use right after a garbage collection, over a run: close to what the work holds on to (garbage
 * already in the old generation still counts until the collector gets to it, and in Fiji so does everything else in
 * the JVM). The peak of the heap pools before collection also counts garbage not yet collected, which grows with how
 * long a run lasts and how much room the collector was given, not with what the run keeps.
 */
final class LiveHeapPeak implements AutoCloseable {

	private final AtomicLong peakBytes = new AtomicLong();
	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
		.filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
	private final List<NotificationEmitter> collectors = new ArrayList<>();
	private final NotificationListener afterCollection = (notification, handback) -> {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
		long used = 0;
		for (Map.Entry<String, MemoryUsage> pool : GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc().entrySet())
			if (heapPools.contains(pool.getKey())) used += pool.getValue().getUsed();
		peakBytes.accumulateAndGet(used, Math::max);
	};

	LiveHeapPeak() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
			if (collector instanceof NotificationEmitter) {
				((NotificationEmitter) collector).addNotificationListener(afterCollection, null, null);
				collectors.add((NotificationEmitter) collector);
			}
	}

	/** Megabytes, or null if no collection has been reported yet. */
	Double megabytes() {
		long bytes = peakBytes.get();
		return bytes > 0 ? bytes / 1e6 : null;
	}

	@Override
	public void close() {
		for (NotificationEmitter collector : collectors)
			try {
				collector.removeNotificationListener(afterCollection);
			}
			catch (ListenerNotFoundException e) {
				// already gone: nothing to undo
			}
	}
}
