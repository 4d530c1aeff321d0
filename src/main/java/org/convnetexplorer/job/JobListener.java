package org.convnetexplorer.job;

import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.scan.ScanMonitor;

/** What a front end hears of a job: status lines, download and scan progress, skipped files; and its cancel. */
public interface JobListener extends ScanMonitor, NetworkListener {

	/** Polled between batches of a scan and while a download runs: true stops either. */
	@Override
	boolean cancelled();
}
