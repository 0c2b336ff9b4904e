package io.mlbj.core;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class JqwikSmokeProperties {
    @Property(tries = 50)
    boolean stringConcatLength(@ForAll String a, @ForAll String b) {
        return (a + b).length() == a.length() + b.length();
    }
}
