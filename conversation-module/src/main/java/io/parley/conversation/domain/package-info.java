/** The conversation module's domain: plain Java records and small classes with the rules inside; imports only java.* and io.parley.kernel. */
package io.parley.conversation.domain;
