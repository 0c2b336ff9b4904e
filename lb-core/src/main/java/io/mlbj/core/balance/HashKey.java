package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;

/** The part of a request a hashing algorithm hashes, as HAProxy 2.0 computes it. */
@FunctionalInterface
interface HashKey {
    /** The 32-bit unsigned hash, or -1 when the request does not carry the key. */
    long hash(RequestView request);
}
