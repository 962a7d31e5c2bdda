/**
 * Which IP addresses the server may connect to on an owner's behalf. Pure: no network, no DNS. An address is public
 * unless it falls in a special-purpose range (RFC 6890 and its IANA registries); configuration may allow further
 * CIDRs, such as a staging host on a private network. Parsing is our own rather than `net.BlockList`, so IPv4-mapped,
 * IPv4-compatible and 6to4 addresses are judged by the IPv4 address they carry, the same on every Node version.
 */
import { isIPv4, isIPv6 } from "node:net";

export interface ParsedIp { version: 4 | 6; value: bigint }
export interface Cidr { version: 4 | 6; network: bigint; prefix: number }

const V4_BITS = 32;
const V6_BITS = 128;

const BLOCKED_V4: readonly Cidr[] = [
  "0.0.0.0/8", // "this network"; connecting to 0.0.0.0 reaches the local host on Linux
  "10.0.0.0/8",
  "100.64.0.0/10", // carrier-grade NAT
  "127.0.0.0/8",
  "169.254.0.0/16", // link-local, home of cloud metadata services (169.254.169.254)
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24", // 6to4 relay anycast
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4", // also covers 255.255.255.255
].map(mustParseCidr);

// Only global unicast (2000::/3) can be public, which rules out ::, ::1, fc00::/7, fe80::/10, fec0::/10, ff00::/8,
// 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64 would hand us any IPv4 address, private ones included), 100::/64 and more
// without listing them. These are the special-purpose blocks inside it.
const GLOBAL_UNICAST_V6 = mustParseCidr("2000::/3");
const BLOCKED_V6: readonly Cidr[] = [
  "2001::/23", // IETF protocol assignments: Teredo, benchmarking, ORCHID; no business website lives there
  "2001:db8::/32",
  "3fff::/20", // documentation (RFC 9637)
].map(mustParseCidr);
const COMPATIBLE_V6 = mustParseCidr("::/96");
const SIX_TO_FOUR_V6 = mustParseCidr("2002::/16");

/** True only for an IP address in no special-purpose range; anything that is not an IP address is not public. */
export function isPublicAddress(ip: string): boolean {
  const parsed = parseIp(ip);
  return parsed !== null && isPublic(parsed);
}

/** True when `ip` is public or lies in one of `allowCidrs`. Throws RangeError on a malformed CIDR, as that is a configuration mistake. */
export function addressAllowed(ip: string, allowCidrs: readonly string[]): boolean {
  return createAddressPolicy(allowCidrs)(ip);
}

/** Parses `allowCidrs` once (throwing RangeError on a malformed one) and returns the check for many addresses. */
export function createAddressPolicy(allowCidrs: readonly string[]): (ip: string) => boolean {
  const allowed = allowCidrs.map((text) => {
    const cidr = parseCidr(text);
    if (!cidr) throw new RangeError(`Invalid CIDR in allowCidrs: ${JSON.stringify(text)}`);
    return cidr;
  });
  return (ip) => {
    const parsed = parseIp(ip);
    if (!parsed) return false;
    if (isPublic(parsed)) return true;
    const canonical = unmapIp(parsed);
    return allowed.some((cidr) => contains(cidr, canonical));
  };
}

/**
 * Accepts "a.b.c.d/n", "v6/n" or a bare address (one host). Host bits after the prefix are ignored. An IPv4-mapped
 * IPv6 CIDR of /96 or longer becomes the IPv4 CIDR it describes, so either spelling allows the same hosts.
 */
export function parseCidr(text: string): Cidr | null {
  const cidr = parseRawCidr(text);
  if (cidr && cidr.version === 6 && cidr.prefix >= 96 && isMappedV6(cidr.network)) {
    const prefix = cidr.prefix - 96;
    return { version: 4, network: mask(cidr.network & 0xffff_ffffn, prefix, V4_BITS), prefix };
  }
  return cidr;
}

function parseRawCidr(text: string): Cidr | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf("/");
  const address = parseIp(slash === -1 ? trimmed : trimmed.slice(0, slash));
  if (!address) return null;
  const bits = address.version === 4 ? V4_BITS : V6_BITS;
  let prefix = bits;
  if (slash !== -1) {
    const prefixText = trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > bits) return null;
  }
  return { version: address.version, network: mask(address.value, prefix, bits), prefix };
}

function isMappedV6(value: bigint): boolean {
  return value >> 32n === 0xffffn;
}

function isPublic(ip: ParsedIp): boolean {
  if (ip.version === 4) return !BLOCKED_V4.some((cidr) => contains(cidr, ip));
  if (isMappedV6(ip.value)) return isPublic({ version: 4, value: ip.value & 0xffff_ffffn });
  if (contains(COMPATIBLE_V6, ip)) {
    // :: and ::1 would otherwise be judged as 0.0.0.0 and 0.0.0.1, which is right only by luck.
    if (ip.value <= 1n) return false;
    return isPublic({ version: 4, value: ip.value & 0xffff_ffffn });
  }
  if (contains(SIX_TO_FOUR_V6, ip)) return isPublic({ version: 4, value: (ip.value >> 80n) & 0xffff_ffffn });
  return contains(GLOBAL_UNICAST_V6, ip) && !BLOCKED_V6.some((cidr) => contains(cidr, ip));
}

function unmapIp(ip: ParsedIp): ParsedIp {
  return ip.version === 6 && isMappedV6(ip.value) ? { version: 4, value: ip.value & 0xffff_ffffn } : ip;
}

function contains(cidr: Cidr, ip: ParsedIp): boolean {
  if (cidr.version !== ip.version) return false;
  return mask(ip.value, cidr.prefix, ip.version === 4 ? V4_BITS : V6_BITS) === cidr.network;
}

function mask(value: bigint, prefix: number, bits: number): bigint {
  const hostBits = BigInt(bits - prefix);
  return (value >> hostBits) << hostBits;
}

function mustParseCidr(text: string): Cidr {
  const cidr = parseRawCidr(text);
  if (!cidr) throw new Error(`Bad built-in CIDR ${text}`);
  return cidr;
}

/** Parses a textual IPv4 (strict dotted quad) or IPv6 address; a zone ("%eth0") is dropped, as it does not change the range. */
export function parseIp(text: string): ParsedIp | null {
  let ip = text.trim();
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  if (isIPv4(ip)) return { version: 4, value: parseV4(ip) };
  const zone = ip.indexOf("%");
  if (zone !== -1) ip = ip.slice(0, zone);
  if (!isIPv6(ip)) return null;
  return { version: 6, value: parseV6(ip) };
}

function parseV4(ip: string): bigint {
  return ip.split(".").reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

/** Expects text `net.isIPv6` accepted, so only the layout is worked out here. */
function parseV6(ip: string): bigint {
  const toGroups = (part: string): number[] => {
    if (part === "") return [];
    return part.split(":").flatMap((group) => {
      if (!group.includes(".")) return [parseInt(group, 16)];
      const v4 = Number(parseV4(group));
      return [v4 >>> 16, v4 & 0xffff];
    });
  };
  const gap = ip.indexOf("::");
  let groups: number[];
  if (gap === -1) {
    groups = toGroups(ip);
  } else {
    const head = toGroups(ip.slice(0, gap));
    const tail = toGroups(ip.slice(gap + 2));
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}
