/**
 * The facts of run.json that both its writers (results, job) and the image listing (images) need: a package of its
 * own so that neither depends on the other; its keys, stated once.
 */
package org.convnetexplorer.runfile;
