package io.parley.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SpecialAddressesTest {

  private static String kind(final String literal) throws Exception {
    return SpecialAddresses.kind(InetAddress.getByName(literal));
  }

  @Test
  void everyNonGlobalIpv4BlockIsSpecial() throws Exception {
    assertThat(kind("127.0.0.1")).isEqualTo("loopback");
    assertThat(kind("10.1.2.3")).isEqualTo("private");
    assertThat(kind("172.31.255.255")).isEqualTo("private");
    assertThat(kind("192.168.1.1")).isEqualTo("private");
    assertThat(kind("100.64.0.1")).isEqualTo("shared (carrier-grade NAT)");
    assertThat(kind("100.127.255.254")).isEqualTo("shared (carrier-grade NAT)");
    assertThat(kind("169.254.169.254")).isEqualTo("link-local");
    assertThat(kind("0.0.0.0")).isEqualTo("this network");
    assertThat(kind("198.18.0.1")).isEqualTo("benchmarking");
    assertThat(kind("203.0.113.9")).isEqualTo("documentation");
    assertThat(kind("239.1.1.1")).isEqualTo("multicast");
    assertThat(kind("255.255.255.255")).isEqualTo("reserved");
  }

  @Test
  void globalAddressesAreNot() throws Exception {
    assertThat(kind("8.8.8.8")).isNull();
    assertThat(kind("100.128.0.1")).isNull();
    assertThat(kind("172.32.0.1")).isNull();
    assertThat(kind("2a00:1450:4001:81b::200e")).isNull();
  }

  @Test
  void ipv6BlocksAndTheIpv4TheyCarry() throws Exception {
    assertThat(kind("::1")).isEqualTo("loopback");
    assertThat(kind("::")).isEqualTo("unspecified");
    assertThat(kind("fd00::1")).isEqualTo("unique-local");
    assertThat(kind("fe80::1")).isEqualTo("link-local");
    assertThat(kind("ff02::1")).isEqualTo("multicast");
    assertThat(kind("2001:db8::1")).isEqualTo("documentation");
    assertThat(kind("::ffff:127.0.0.1")).isEqualTo("loopback"); // Java hands back the IPv4 address itself
    assertThat(kind("::127.0.0.1")).startsWith("loopback (as ");
    assertThat(kind("64:ff9b::a9fe:a9fe")).startsWith("link-local (as ");
    assertThat(kind("2002:a00:1::")).startsWith("private (as ");
    assertThat(kind("64:ff9b::808:808")).isNull();
  }
}
