import { describe, expect, it } from "vitest";
import { addressAllowed, createAddressPolicy, isPublicAddress, parseCidr, parseIp } from "./address-policy";

describe("isPublicAddress", () => {
  // The first and last address of each range, so an off-by-one prefix shows up.
  const blocked: [range: string, addresses: string[]][] = [
    ["0.0.0.0/8", ["0.0.0.0", "0.255.255.255"]],
    ["10.0.0.0/8", ["10.0.0.0", "10.255.255.255"]],
    ["100.64.0.0/10", ["100.64.0.0", "100.127.255.255"]],
    ["127.0.0.0/8", ["127.0.0.1", "127.255.255.254"]],
    ["169.254.0.0/16", ["169.254.0.0", "169.254.169.254", "169.254.255.255"]],
    ["172.16.0.0/12", ["172.16.0.0", "172.31.255.255"]],
    ["192.0.0.0/24", ["192.0.0.0", "192.0.0.255"]],
    ["192.0.2.0/24", ["192.0.2.0", "192.0.2.255"]],
    ["192.88.99.0/24", ["192.88.99.0", "192.88.99.255"]],
    ["192.168.0.0/16", ["192.168.0.0", "192.168.255.255"]],
    ["198.18.0.0/15", ["198.18.0.0", "198.19.255.255"]],
    ["198.51.100.0/24", ["198.51.100.0", "198.51.100.255"]],
    ["203.0.113.0/24", ["203.0.113.0", "203.0.113.255"]],
    ["224.0.0.0/4", ["224.0.0.0", "239.255.255.255"]],
    ["240.0.0.0/4", ["240.0.0.0", "255.255.255.254"]],
    ["255.255.255.255", ["255.255.255.255"]],
    ["::", ["::", "0:0:0:0:0:0:0:0"]],
    ["::1", ["::1", "0:0:0:0:0:0:0:1"]],
    ["fc00::/7", ["fc00::", "fd12:3456::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
    ["fe80::/10", ["fe80::", "fe80::1%eth0", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
    ["ff00::/8", ["ff00::", "ff02::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
    ["2001:db8::/32", ["2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"]],
    ["64:ff9b::/96", ["64:ff9b::", "64:ff9b::808:808", "64:ff9b::a00:1"]],
    ["::ffff:0:0/96 with private IPv4", ["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.1.2.3", "::ffff:169.254.169.254"]],
    ["::/96 (IPv4-compatible) with private IPv4", ["::127.0.0.1", "::10.0.0.1", "::192.168.1.1"]],
    ["2002::/16 (6to4) with private IPv4", ["2002:7f00:1::", "2002:a00:1::1", "2002:c0a8:101::"]],
    ["other special-purpose IPv6", ["100::1", "fec0::1", "2001::1", "2001:2::1", "3fff::1", "5f00::1", "::ffff:0:808:808"]],
  ];
  it.each(blocked)("is false for %s", (_range, addresses) => {
    for (const address of addresses) expect(isPublicAddress(address), address).toBe(false);
  });

  it("is true for public addresses, also when carried in IPv4-mapped, compatible or 6to4 form", () => {
    const publicAddresses = [
      "8.8.8.8",
      "1.1.1.1",
      "93.184.216.34",
      "100.63.255.255",
      "100.128.0.0",
      "172.15.255.255",
      "172.32.0.0",
      "192.0.1.255",
      "192.0.3.0",
      "198.17.255.255",
      "198.20.0.0",
      "223.255.255.255",
      "2606:4700:4700::1111",
      "2a00:1450:4001:80b::200e",
      "2001:4860:4860::8888",
      "::ffff:8.8.8.8",
      "::8.8.8.8",
      "2002:808:808::1",
    ];
    for (const address of publicAddresses) expect(isPublicAddress(address), address).toBe(true);
  });

  it("is false for anything that is not an IP address", () => {
    for (const text of ["", "localhost", "example.com", "127.1", "0x7f000001", "2130706433", "1.2.3.4.5", "::g", "1.2.3.4/32"]) {
      expect(isPublicAddress(text), text).toBe(false);
    }
  });
});

describe("addressAllowed", () => {
  it("allows public addresses whatever the allow list", () => {
    expect(addressAllowed("8.8.8.8", [])).toBe(true);
    expect(addressAllowed("2606:4700:4700::1111", ["10.0.0.0/8"])).toBe(true);
  });

  it("allows a private address only inside a configured CIDR", () => {
    expect(addressAllowed("127.0.0.1", [])).toBe(false);
    expect(addressAllowed("127.0.0.1", ["127.0.0.1/32"])).toBe(true);
    expect(addressAllowed("127.0.0.2", ["127.0.0.1/32"])).toBe(false);
    expect(addressAllowed("10.20.30.40", ["10.20.0.0/16"])).toBe(true);
    expect(addressAllowed("10.21.0.1", ["10.20.0.0/16"])).toBe(false);
    expect(addressAllowed("fd00::5", ["fd00::/64"])).toBe(true);
    expect(addressAllowed("fd00:0:0:1::5", ["fd00::/64"])).toBe(false);
    expect(addressAllowed("::1", ["127.0.0.0/8"])).toBe(false);
    expect(addressAllowed("169.254.169.254", ["10.0.0.0/8", "192.168.0.0/16"])).toBe(false);
  });

  it("matches IPv4-mapped addresses and CIDRs by the IPv4 address they carry", () => {
    expect(addressAllowed("::ffff:127.0.0.1", ["127.0.0.1/32"])).toBe(true);
    expect(addressAllowed("127.0.0.1", ["::ffff:127.0.0.0/104"])).toBe(true);
    expect(addressAllowed("127.0.0.1", ["::ffff:10.0.0.0/104"])).toBe(false);
  });

  it("treats a bare address as one host and ignores host bits after the prefix", () => {
    expect(addressAllowed("192.168.1.10", ["192.168.1.10"])).toBe(true);
    expect(addressAllowed("192.168.1.11", ["192.168.1.10"])).toBe(false);
    expect(addressAllowed("192.168.1.11", ["192.168.1.10/24"])).toBe(true);
  });

  it("rejects anything that is not an IP address", () => {
    expect(addressAllowed("localhost", ["127.0.0.0/8"])).toBe(false);
  });

  it("throws on a malformed CIDR instead of silently allowing or ignoring it", () => {
    for (const cidr of ["127.0.0.1/33", "fd00::/129", "localhost/8", "10.0.0.0/", "10.0.0.0/x", ""]) {
      expect(() => addressAllowed("10.0.0.1", [cidr]), cidr).toThrow(RangeError);
      expect(() => createAddressPolicy([cidr]), cidr).toThrow(RangeError);
    }
  });
});

describe("parseIp and parseCidr", () => {
  it("reads compressed IPv6, embedded IPv4, brackets and zones", () => {
    expect(parseIp("::1")).toEqual({ version: 6, value: 1n });
    expect(parseIp("[::ffff:127.0.0.1]")).toEqual({ version: 6, value: 0xffff_7f00_0001n });
    expect(parseIp("fe80::1%eth0")).toEqual({ version: 6, value: (0xfe80n << 112n) | 1n });
    expect(parseIp("1:2:3:4:5:6:7:8")).toEqual({ version: 6, value: 0x0001_0002_0003_0004_0005_0006_0007_0008n });
    expect(parseIp("10.0.0.1")).toEqual({ version: 4, value: 0x0a00_0001n });
    expect(parseIp("010.0.0.1")).toBeNull();
  });

  it("normalises networks", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({ version: 4, network: 0x0a00_0000n, prefix: 8 });
    expect(parseCidr("::ffff:192.168.0.0/112")).toEqual({ version: 4, network: 0xc0a8_0000n, prefix: 16 });
    expect(parseCidr("fd00::1")).toEqual({ version: 6, network: (0xfd00n << 112n) | 1n, prefix: 128 });
  });
});
