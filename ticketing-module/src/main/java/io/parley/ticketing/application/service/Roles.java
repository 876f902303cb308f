package io.parley.ticketing.application.service;

import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Role;

/** Who works tickets: agents and admins (staff); the AI agent backend has role service. */
final class Roles {

    private Roles() {
    }

    static boolean isStaff(Caller caller) {
        return caller.has(Role.AGENT) || caller.has(Role.ADMIN);
    }

    static boolean isService(Caller caller) {
        return caller.has(Role.SERVICE);
    }

    static void requireStaff(Caller caller) {
        if (!isStaff(caller)) {
            throw new ForbiddenException("Only agents and admins may do this.");
        }
    }
}
