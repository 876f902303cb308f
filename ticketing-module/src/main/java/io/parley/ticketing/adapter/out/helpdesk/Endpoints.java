package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.context.exceptions.ConfigurationException;

import java.net.URI;

/** Helpdesk base URLs from configuration, checked at startup rather than at the first handoff. */
final class Endpoints {

    private Endpoints() {
    }

    static URI resolve(String property, String baseUrl, String path) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new ConfigurationException(property + " is required");
        }
        String trimmed = baseUrl.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(trimmed + path);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(property + " is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigurationException(property + " must be an http(s) URL");
        }
        if (uri.getUserInfo() != null) {
            throw new ConfigurationException(property + " must not carry credentials; set them in their own properties");
        }
        return uri;
    }

    static String required(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(property + " is required");
        }
        return value.strip();
    }
}
