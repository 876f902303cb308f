/** Use-case implementations of the conversation module. */
package io.parley.conversation.application.service;
