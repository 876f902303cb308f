/** Use-case implementations of the chat turn. */
package io.parley.chat.application.service;
