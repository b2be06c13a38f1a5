package io.contrast4j.nn.init;

/** Which fan Kaiming initialisation preserves: the forward pass variance (fan-in) or the backward one (fan-out). */
public enum FanMode { FAN_IN, FAN_OUT }
