package io.parley.kernel;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking. Reaches every use case as a parameter so isolation is decided in the
 * application layer (and enforced again in every query).
 *
 * <ul>
 *   <li>an authenticated caller has a {@code subject} (the JWT {@code sub}) and roles;</li>
 *   <li>a guest has no subject, only the {@code sessionId} that is its capability for one conversation;</li>
 *   <li>an anonymous caller has neither.</li>
 * </ul>
 */
public record Caller(String subject, Set<Role> roles, String email, String name, String sessionId) {

    public Caller {
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller authenticated(String subject, Set<Role> roles, String email, String name) {
        Objects.requireNonNull(subject, "subject");
        Set<Role> effective = roles == null || roles.isEmpty() ? Set.of(Role.USER) : roles;
        return new Caller(subject, effective, email, name, null);
    }

    public static Caller guest(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return new Caller(null, Set.of(), null, null, sessionId);
    }

    public static Caller anonymous() {
        return new Caller(null, Set.of(), null, null, null);
    }

    public boolean isAuthenticated() {
        return subject != null;
    }

    public boolean isGuest() {
        return subject == null && sessionId != null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** A label for audit trails such as ticket history: {@code admin:alice}, {@code guest}, {@code anonymous}. */
    public String actorLabel() {
        if (!isAuthenticated()) {
            return isGuest() ? "guest" : "anonymous";
        }
        Role strongest = has(Role.ADMIN) ? Role.ADMIN
                : has(Role.AGENT) ? Role.AGENT
                : has(Role.SERVICE) ? Role.SERVICE
                : Role.USER;
        return strongest.claimValue() + ":" + subject;
    }

    /** The kind of caller for request logs and metrics: never the identity itself. */
    public String kind() {
        if (!isAuthenticated()) {
            return isGuest() ? "guest" : "anonymous";
        }
        return actorLabel().substring(0, actorLabel().indexOf(':'));
    }

    @Override
    public String toString() {
        // identities stay out of accidental log lines
        return "Caller[" + kind() + "]";
    }
}
