/** Use-case implementations of the knowledge context. */
package io.parley.knowledge.application.service;
