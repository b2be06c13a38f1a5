package io.contrast4j.autograd.registry;

import java.util.List;
import java.util.Map;

/** Anything listed by {@code c4j list}: it carries its catalog info, defaults and declared inputs. */
public interface Registered {
    CatalogInfo info();

    /** Default parameter values, by name (the paper's or the reference library's, as the catalog says). */
    Map<String, String> defaults();

    /** Declared inputs (empty for components that take none, such as optimizers). */
    List<Input> inputs();
}
