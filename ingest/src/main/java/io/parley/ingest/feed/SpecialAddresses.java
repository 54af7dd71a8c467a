package io.parley.ingest.feed;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The addresses a feed fetcher that takes URLs from users must never connect to (server-side
 * request forgery): every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries that
 * is not globally reachable — loopback, private, shared (carrier-grade NAT, 100.64.0.0/10, where
 * some clouds serve instance metadata), link-local, documentation, benchmarking, reserved,
 * multicast, unique-local — and the IPv6 forms that carry an IPv4 address (mapped, compatible,
 * NAT64, 6to4, Teredo), judged by the address they carry.
 */
public final class SpecialAddresses {

  private static final List<Block> V4 = List.of(
      v4("0.0.0.0", 8, "this network"), v4("10.0.0.0", 8, "private"), v4("100.64.0.0", 10, "shared (carrier-grade NAT)"),
      v4("127.0.0.0", 8, "loopback"), v4("169.254.0.0", 16, "link-local"), v4("172.16.0.0", 12, "private"),
      v4("192.0.0.0", 24, "IETF protocol assignments"), v4("192.0.2.0", 24, "documentation"),
      v4("192.31.196.0", 24, "AS112"), v4("192.52.193.0", 24, "AMT"), v4("192.88.99.0", 24, "6to4 relay anycast"),
      v4("192.168.0.0", 16, "private"), v4("192.175.48.0", 24, "AS112"), v4("198.18.0.0", 15, "benchmarking"),
      v4("198.51.100.0", 24, "documentation"), v4("203.0.113.0", 24, "documentation"), v4("224.0.0.0", 4, "multicast"),
      v4("240.0.0.0", 4, "reserved"));

  private static final List<Block> V6 = List.of(
      v6("::", 128, "unspecified"), v6("::1", 128, "loopback"), v6("100::", 64, "discard-only"),
      v6("2001::", 23, "IETF protocol assignments"), v6("2001:db8::", 32, "documentation"), v6("3fff::", 20, "documentation"),
      v6("5f00::", 16, "segment routing"), v6("fc00::", 7, "unique-local"), v6("fe80::", 10, "link-local"),
      v6("fec0::", 10, "site-local"), v6("ff00::", 8, "multicast"));

  private SpecialAddresses() {}

  /** What {@code address} is, when it is special ("loopback", "shared (carrier-grade NAT)", …); null when global. */
  public static String kind(final InetAddress address) {
    if (address instanceof Inet4Address) {
      return kind(V4, address.getAddress());
    }
    final byte[] b = address.getAddress();
    final InetAddress carried = carriedV4(b);
    if (carried != null) {
      final String inner = kind(carried);
      return inner == null ? null : inner + " (as " + address.getHostAddress() + ")";
    }
    return kind(V6, b);
  }

  /** The IPv4 address an IPv6 address carries: mapped, compatible, NAT64 (64:ff9b::/96), 6to4 (2002::/16), Teredo (2001::/32). */
  static InetAddress carriedV4(final byte[] b) {
    try {
      if (zero(b, 0, 10) && (b[10] == (byte) 0xff && b[11] == (byte) 0xff || b[10] == 0 && b[11] == 0 && !zero(b, 12, 16)
          && !(zero(b, 12, 15) && b[15] == 1))) {
        return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d, ::a.b.c.d
      }
      if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && zero(b, 4, 12)) {
        return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      }
      if (b[0] == 0x20 && b[1] == 0x02) {
        return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
      }
      if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) { // Teredo: the client's address, inverted
        return InetAddress.getByAddress(new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]});
      }
      return null;
    } catch (final UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }

  private static String kind(final List<Block> blocks, final byte[] address) {
    for (final Block block : blocks) {
      if (block.contains(address)) {
        return block.kind();
      }
    }
    return null;
  }

  private static boolean zero(final byte[] b, final int from, final int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static Block v4(final String address, final int prefix, final String kind) {
    return block(address, prefix, kind);
  }

  private static Block v6(final String address, final int prefix, final String kind) {
    return block(address, prefix, kind);
  }

  private static Block block(final String literal, final int prefix, final String kind) {
    try {
      return new Block(InetAddress.getByName(literal).getAddress(), prefix, kind); // a literal: no lookup
    } catch (final UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Block(byte[] network, int prefix, String kind) {
    boolean contains(final byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        final int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
