/**
 * Fiji's front end: SciJava commands (Plugins › ConvNet Explorer) as thin shells over the jobs; headless where the
 * job allows.
 */
package org.convnetexplorer.fiji;
