import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { checkPublicKey, isP256Key, MAX_PUBLIC_KEY_BYTES, PRIVATE_KEY_MESSAGE, PUBLIC_KEY_MESSAGES } from "./public-key";
import { inEnglish } from "@/test/english";
import { translateMessage } from "@/lib/domain/message";
import { translatorFor } from "@/lib/i18n/translator";

const p256 = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const P256_PEM = p256.publicKey.export({ type: "spki", format: "pem" }).toString();
const body = (pem: string) => pem.split("\n").filter((l) => l && !l.startsWith("-----")).join("\n");

const spkiPem = (k: ReturnType<typeof generateKeyPairSync>["publicKey"]) => k.export({ type: "spki", format: "pem" }).toString();

function rejected(text: string) {
  const r = checkPublicKey(text);
  if (r.ok) throw new Error("accepted");
  return r;
}

// A fixed self-signed P-256 certificate, used when openssl is not installed.
const CERT_FIXTURE = `-----BEGIN CERTIFICATE-----
MIIBgjCCASmgAwIBAgIUdrf92YKYTvzEP7R6XBrPUqRlj8kwCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMa2V5d2FyZC10ZXN0MB4XDTI2MTEyMjE5MTI1MFoXDTM2MTEx
OTE5MTI1MFowFzEVMBMGA1UEAwwMa2V5d2FyZC10ZXN0MFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAElGzDJP3YhEDUIh1Ii2mSL1AMqhVerovoxbJBll+MbiFIMFFf
dOSo2ERbDXHzHL4iaM+Sw6huwujneTgEdpIQF6NTMFEwHQYDVR0OBBYEFHspSxqh
AAdkgOYtsxk5yLt+hE7eMB8GA1UdIwQYMBaAFHspSxqhAAdkgOYtsxk5yLt+hE7e
MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgJfolMnz77CZGcErF
PNmmi3MXZX9ppSbbBL9LbiZKgj0CIEHhmj5UcvPhBJQyA2VdeycgFjF1REJer50A
3GTnAswP
-----END CERTIFICATE-----
`;

function selfSignedCertificate(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kw-cert-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", path.join(dir, "key.pem"), "-subj", "/CN=keyward-test", "-days", "1",
      "-out", path.join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    return readFileSync(path.join(dir, "cert.pem"), "utf8");
  } catch {
    return CERT_FIXTURE;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("accepts an EC P-256 SPKI public key", () => {
  it.each([
    ["PEM", P256_PEM],
    ["PEM with CRLF and surrounding whitespace", `\r\n  ${P256_PEM.replace(/\n/g, "\r\n")}  \n\n`],
    ["base64 body with line breaks", body(P256_PEM)],
    ["base64 body on one line", body(P256_PEM).replace(/\n/g, "")],
  ])("%s", (_, text) => {
    const r = checkPublicKey(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.pem).toBe(P256_PEM);
  });
});

describe("refuses private keys by their label, with the leaked-key warning", () => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const cases: [string, string][] = [
    ["PKCS#8", p256.privateKey.export({ type: "pkcs8", format: "pem" }).toString()],
    ["SEC1", p256.privateKey.export({ type: "sec1", format: "pem" }).toString()],
    ["PKCS#1 RSA", rsa.privateKey.export({ type: "pkcs1", format: "pem" }).toString()],
    ["encrypted PKCS#8", p256.privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "x" }).toString()],
    ["OpenSSH", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----"],
    ["a public key followed by its private key", P256_PEM + p256.privateKey.export({ type: "pkcs8", format: "pem" })],
    ["a private key whose body is not even base64", "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----"],
  ];
  it.each(cases)("%s", (_, text) => {
    const r = rejected(text);
    expect(r.code).toBe("private_key");
    expect(r.message).toBe(PRIVATE_KEY_MESSAGE);
    expect(inEnglish(r.message)).toContain("must never be shared");
    expect(inEnglish(r.message)).toContain("leaked");
    expect(inEnglish(r.message)).toContain("generate a new key pair");
  });

  it.each([
    ["PKCS#8 body without headers", body(p256.privateKey.export({ type: "pkcs8", format: "pem" }).toString())],
    ["SEC1 body without headers", body(p256.privateKey.export({ type: "sec1", format: "pem" }).toString())],
    ["PKCS#1 body without headers", body(rsa.privateKey.export({ type: "pkcs1", format: "pem" }).toString())],
    ["OpenSSH body without headers", btoa("openssh-key-v1\0rest-of-key")],
  ])("%s", (_, text) => {
    expect(rejected(text).code).toBe("private_key");
  });
});

describe("gives each wrong kind of key its own message", () => {
  it("RSA (SPKI and PKCS#1 public)", () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    expect(rejected(spkiPem(publicKey))).toMatchObject({ code: "rsa", message: PUBLIC_KEY_MESSAGES.rsa });
    expect(rejected(publicKey.export({ type: "pkcs1", format: "pem" }).toString()).code).toBe("rsa");
    expect(rejected(body(spkiPem(publicKey))).code).toBe("rsa");
  });

  it.each([
    ["secp384r1", "P-384"],
    ["secp521r1", "P-521"],
    ["secp256k1", "secp256k1"],
  ])("another curve: %s", (namedCurve, name) => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve });
    const r = rejected(spkiPem(publicKey));
    expect(r.code).toBe("curve");
    expect(inEnglish(r.message)).toContain(name);
    expect(inEnglish(r.message)).toContain("Only the P-256 curve (prime256v1) is accepted.");
  });

  it("a curve given by explicit parameters or an unknown OID reads as a sentence in English and Japanese", () => {
    const der = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "der" });
    const P256_OID = "06082a8648ce3d030107";
    const hex = der.toString("hex");
    expect(hex.startsWith("3059301306072a8648ce3d0201" + P256_OID)).toBe(true);
    const pem = (h: string) => `-----BEGIN PUBLIC KEY-----\n${Buffer.from(h, "hex").toString("base64")}\n-----END PUBLIC KEY-----\n`;
    // The curve as a non-OID element (what explicit parameters look like to the checker): 8 bytes shorter.
    const unnamed = rejected(pem("3051300b06072a8648ce3d0201" + "0500" + hex.slice(26 + P256_OID.length)));
    // An OID no one names.
    const unknown = rejected(pem(hex.replace(P256_OID, "06082a8648ce3d03017f")));
    const japanese = translatorFor("ja");
    for (const r of [unnamed, unknown]) {
      expect(r.code).toBe("curve");
      const en = inEnglish(r.message);
      const ja = translateMessage(japanese, r.message);
      expect(en).toMatch(/^This EC key uses (another curve|a curve with the OID 1\.2\.840\.10045\.3\.1\.127)\. Only the P-256 curve \(prime256v1\) is accepted\.$/);
      expect(en).not.toMatch(/\b(the an|the a|an unnamed)\b/);
      expect(ja).toMatch(/^この EC 鍵は.+曲線を使っています。使えるのは P-256 曲線 \(prime256v1\) だけです。$/);
    }
    expect(inEnglish(unnamed.message)).toBe("This EC key uses another curve. Only the P-256 curve (prime256v1) is accepted.");
  });

  it("Ed25519", () => {
    const { publicKey } = generateKeyPairSync("ed25519");
    expect(rejected(spkiPem(publicKey))).toMatchObject({ code: "ed25519", message: PUBLIC_KEY_MESSAGES.ed25519 });
  });

  it("a certificate, with or without its header lines, and a chain", () => {
    const cert = selfSignedCertificate();
    expect(rejected(cert)).toMatchObject({ code: "certificate", message: PUBLIC_KEY_MESSAGES.certificate });
    expect(rejected(body(cert)).code).toBe("certificate");
    expect(rejected(cert + cert).code).toBe("certificate");
  });

  it("more than one key", () => {
    const other = spkiPem(generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey);
    expect(rejected(P256_PEM + other)).toMatchObject({ code: "multiple", message: PUBLIC_KEY_MESSAGES.multiple });
  });

  it("malformed base64", () => {
    const b = body(P256_PEM);
    expect(rejected(b.slice(0, -3)).code).toBe("base64");
    expect(rejected(P256_PEM.replace(b.slice(10, 12), "!?")).code).toBe("base64");
    expect(rejected("not a key, at all").code).toBe("base64");
    expect(rejected("notakeyatall").code).toBe("malformed");
  });

  it("trailing garbage after the PEM block or inside the DER", () => {
    expect(rejected(`${P256_PEM}and then some`).code).toBe("trailing");
    expect(rejected(`garbage\n${P256_PEM}`).code).toBe("trailing");
    const der = Buffer.from(body(P256_PEM).replace(/\n/g, ""), "base64");
    const padded = Buffer.concat([der, Buffer.from([0, 0, 0])]).toString("base64");
    expect(rejected(padded).code).toBe("trailing");
  });

  it("truncated DER and a missing END line", () => {
    const der = Buffer.from(body(P256_PEM).replace(/\n/g, ""), "base64");
    expect(rejected(der.subarray(0, 60).toString("base64")).code).toBe("malformed");
    expect(rejected(P256_PEM.replace("-----END PUBLIC KEY-----", "")).code).toBe("malformed");
  });

  it("an OpenSSH one-line public key", () => {
    expect(rejected("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= me@host").code).toBe("openssh");
  });

  it("empty input", () => {
    expect(rejected("  \n ").code).toBe("empty");
  });
});

describe("size limit", () => {
  it("rejects anything over 10 KB before parsing, even a private key", () => {
    const huge = P256_PEM + " ".repeat(MAX_PUBLIC_KEY_BYTES);
    expect(rejected(huge)).toMatchObject({ code: "too_large", message: PUBLIC_KEY_MESSAGES.too_large });
    const hugePrivate = p256.privateKey.export({ type: "pkcs8", format: "pem" }) + "x".repeat(MAX_PUBLIC_KEY_BYTES);
    expect(rejected(hugePrivate).code).toBe("too_large");
    expect(rejected("é".repeat(MAX_PUBLIC_KEY_BYTES / 2 + 1)).code).toBe("too_large");
  });
});

describe("isP256Key: the one curve rule for parsed keys", () => {
  it("accepts a P-256 key, public or private, and nothing else", () => {
    expect(isP256Key(p256.publicKey)).toBe(true);
    expect(isP256Key(p256.privateKey)).toBe(true);
    expect(isP256Key(generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey)).toBe(false);
    expect(isP256Key(generateKeyPairSync("ec", { namedCurve: "secp256k1" }).publicKey)).toBe(false);
    expect(isP256Key(generateKeyPairSync("ed25519").publicKey)).toBe(false);
    expect(isP256Key(generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey)).toBe(false);
    expect(isP256Key({})).toBe(false);
  });
});
