package org.convnetexplorer.ij1;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

import org.convnetexplorer.network.NoBoxFieldException;
import org.convnetexplorer.options.FailureText;
import org.convnetexplorer.options.NetworkOptions;

import ij.IJ;
import ij.Macro;

/**
 * A failed run, told the ImageJ 1 way: a message wrapped to fit the screen (stderr when headless) and the Log; a macro
 * that ran the command stops there, since ImageJ's -batch would otherwise carry on and exit 0.
 */
final class Failure {

	private Failure() {}

	/** @param what what failed, e.g. "ConvNet Explorer failed" */
	static void report(String title, String what, Exception e) {
		report(title, what, e, null);
	}

	/** @param options the network options the run was given, for advice on weights it could not get; or null */
	static void report(String title, String what, Exception e, NetworkOptions options) {
		// A macro already being stopped (the dialog was cancelled) needs no second message.
		if (e instanceof RuntimeException && Macro.MACRO_CANCELED.equals(e.getMessage())) throw (RuntimeException) e;
		boolean expected = e instanceof IOException || e instanceof IllegalArgumentException ||
			e instanceof NoBoxFieldException;
		String message = FailureText.withAdvice(what + ": " + (expected ? e.getMessage() : e.toString()), e, options);
		IJ.log(expected ? message : message + "\n" + stackTrace(e));
		IJ.error(title, wrap(message));
		if (IJ.isMacro()) Macro.abort();
	}

	static String wrap(String message) {
		return FailureText.wrap(message, FailureText.DIALOG_WIDTH);
	}

	private static String stackTrace(Exception e) {
		StringWriter trace = new StringWriter();
		e.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}
}
