package io.mlbj.core.routing;

/**
 * TLS from the proxy to a server ({@code server ... ssl verify none|required [ca-file F] [sni EXPR]}).
 *
 * @param verify false for {@code verify none}
 * @param caFile null unless {@code ca-file} is given
 * @param sni the SNI server name to send, null for none
 */
public record ServerTls(boolean verify, String caFile, String sni) {}
