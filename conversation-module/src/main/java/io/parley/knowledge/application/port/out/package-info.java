/** What the knowledge context's application needs from outside, named by need. */
package io.parley.knowledge.application.port.out;
