package org.convnetexplorer.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = VersionProvider.class.getPackage().getImplementationVersion();
		return new String[] { "convnet-explorer " + (version != null ? version : "development") };
	}
}
