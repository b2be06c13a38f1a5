package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * What a component says about itself without data: catalog info, defaults and declared inputs. Registry rows of
 * samplers use it, since a sampler instance needs a data set.
 */
public record Spec(CatalogInfo info, Map<String, String> defaults, List<Input> inputs) implements Registered {
}
