package io.parley.ingest.websub;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each feed's callback token and {@code hub.secret}, derived from the deployment's key by
 * HMAC-SHA256: nothing to store or share between instances, and a callback URL nobody can guess
 * (so nobody but the hub Parley asked can confirm or cancel a subscription at it). Also checks the
 * {@code X-Hub-Signature} of a delivery (WebSub §8: sha1, sha256, sha384 or sha512).
 */
public final class WebSubKeys {

  private static final Map<String, String> SIGNATURE_METHODS = Map.of(
      "sha1", "HmacSHA1", "sha256", "HmacSHA256", "sha384", "HmacSHA384", "sha512", "HmacSHA512");

  private final byte[] key;

  public WebSubKeys(final String key) {
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  /** The token in {@code feedId}'s callback path. */
  public String token(final String feedId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac("HmacSHA256", key, "callback\n" + feedId)).substring(0, 32);
  }

  /** The {@code hub.secret} of {@code feedId}'s subscription (64 hex digits; the spec allows up to 200 bytes). */
  public String secret(final String feedId) {
    return HexFormat.of().formatHex(hmac("HmacSHA256", key, "secret\n" + feedId));
  }

  /** Whether {@code token} is {@code feedId}'s, compared in constant time. */
  public boolean validToken(final String feedId, final String token) {
    return token != null && MessageDigest.isEqual(token(feedId).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether {@code header} ({@code method=hex}) is the HMAC of {@code body} under {@code feedId}'s
   * secret; false for a missing or malformed header or an unknown method.
   */
  public boolean validSignature(final String feedId, final String header, final byte[] body) {
    if (header == null) {
      return false;
    }
    final int eq = header.indexOf('=');
    if (eq <= 0) {
      return false;
    }
    final String algorithm = SIGNATURE_METHODS.get(header.substring(0, eq).strip().toLowerCase(Locale.ROOT));
    if (algorithm == null) {
      return false;
    }
    final byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(algorithm, secret(feedId).getBytes(StandardCharsets.UTF_8), body), given);
  }

  /** The signature header a hub sends for {@code body} under {@code secret}, with {@code method} (sha256 …). */
  public static String sign(final String method, final String secret, final byte[] body) {
    return method + "=" + HexFormat.of().formatHex(hmac(SIGNATURE_METHODS.get(method), secret.getBytes(StandardCharsets.UTF_8), body));
  }

  static String encode(final String feedId) {
    return URLEncoder.encode(feedId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String decode(final String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static byte[] hmac(final String algorithm, final byte[] key, final String text) {
    return hmac(algorithm, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(final String algorithm, final byte[] key, final byte[] data) {
    try {
      final Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available in this JVM", e);
    }
  }
}
