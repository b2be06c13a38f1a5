package io.contrast4j.nn.components;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Router / asymmetric towers (catalog E06, T1; sentence-transformers {@code Router}): each input role (e.g.
 * "query", "document") has its own module chain; the same module instance may serve several roles (shared
 * weights, registered once). Roles travel with the batch columns.
 */
public final class Router<M extends Module> extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E06", "Router / asymmetric towers", "encoder", "T1",
            "sentence-transformers Router", "y = tower_role(x), per role (query, document); shared modules allowed");

    private final Map<String, M> routes = new LinkedHashMap<>();
    private final String defaultRole;

    /** @param routes role → module (insertion order kept); {@code defaultRole} is used by {@link #forward(Tensor)} */
    public Router(Map<String, M> routes, String defaultRole) {
        if (!routes.containsKey(defaultRole)) throw new IllegalArgumentException("Router: default role '" + defaultRole + "' has no route (roles: " + routes.keySet() + ")");
        Map<M, String> registered = new java.util.IdentityHashMap<>();
        for (var e : routes.entrySet()) {
            this.routes.put(e.getKey(), e.getValue());
            if (!registered.containsKey(e.getValue())) {
                registered.put(e.getValue(), e.getKey());
                child(e.getKey(), e.getValue());
            }
        }
        this.defaultRole = defaultRole;
    }

    public M route(String role) {
        M m = routes.get(role);
        if (m == null) throw new IllegalArgumentException("Router: unknown role '" + role + "' (roles: " + routes.keySet() + ")");
        return m;
    }

    public Tensor forward(String role, Tensor x) {
        return route(role).forward(x);
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(defaultRole, x);
    }

    @Override
    protected String describe() {
        return "Router" + routes.keySet();
    }
}
