/**
 * The Spark application: one scan spread over a cluster's executors, its states merged on the driver.
 */
package org.convnetexplorer.spark;
