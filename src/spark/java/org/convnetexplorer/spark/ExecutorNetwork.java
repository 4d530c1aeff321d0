package org.convnetexplorer.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.spark.SparkFiles;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.ConvTrunk;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.Sha256;

/**
 * The network of an executor: built once per JVM, by the first task that needs it, and shared by the tasks that run
 * in the JVM after or beside it (TF sessions run concurrently). Building it takes seconds; a partition takes minutes.
 */
final class ExecutorNetwork {

	private static String key;
	private static ConvTrunk trunk;

	private ExecutorNetwork() {}

	/**
	 * @param weightsName the name the driver shipped the weights under ({@code SparkContext.addFile})
	 * @throws IOException if the shipped file is not the driver's (its SHA-256 differs) or cannot be read
	 */
	static synchronized ConvTrunk get(String weightsName, String weightsSha256, ComputeDevice device, int threads,
		Precision precision) throws IOException
	{
		String wanted = weightsSha256 + ' ' + device.id() + ' ' + threads + ' ' + precision.id();
		if (trunk != null && wanted.equals(key)) return trunk;
		if (trunk != null) trunk.close();
		trunk = null;
		Path weightsFile = Paths.get(SparkFiles.get(weightsName));
		String sha256 = Sha256.hexOf(weightsFile);
		if (!sha256.equals(weightsSha256)) throw new IOException("the weights shipped to this executor (" + weightsFile +
			", SHA-256 " + sha256 + ") are not the driver's (" + weightsSha256 + ")");
		trunk = ConvTrunk.create(AlexNetWeights.load(weightsFile), device, threads, precision,
			reason -> System.err.println("No usable GPU (" + reason + "): computing on the CPU"));
		key = wanted;
		return trunk;
	}
}
