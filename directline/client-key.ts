/** Who a per-client limit counts against: an IPv4 address, or the /64 network of an IPv6 address. */
import ipaddr from 'ipaddr.js';

/** Longer than any address with a zone id; what is longer is not an address and is cut. */
const MAX_ADDRESS_LENGTH = 64;

/**
 * The key for a client's address. Why a /64: one household or phone gets a whole /64 and can use any
 * of its 2^64 addresses, so counting single IPv6 addresses would give one customer endless allowances.
 * An IPv4-mapped IPv6 address (::ffff:203.0.113.7, as a dual-stack socket reports IPv4) is its IPv4
 * address. Anything that is not an address (a proxy's odd header) is its own key, cut to length.
 */
export function clientKey(address: string): string {
  const text = address.slice(0, MAX_ADDRESS_LENGTH);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString();
  if (!ipaddr.IPv6.isValid(text)) return text;
  const ipv6 = ipaddr.IPv6.parse(text);
  if (ipv6.isIPv4MappedAddress()) return ipv6.toIPv4Address().toString();
  return `${new ipaddr.IPv6([...ipv6.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
