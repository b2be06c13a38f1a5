package io.contrast4j.nn.optim;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/** A registry row's component for an optimizer, schedule or training trick: its catalog info, defaults and inputs. */
public record OptimComponent(CatalogInfo info, Map<String, String> defaults, List<Input> inputs) implements Registered {
}
