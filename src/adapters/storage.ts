import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** Where uploaded files live; never served at a public URL, only through authorized routes. */
export interface FileStorage {
  /** Stores bytes and returns the key to find them again. */
  put(bytes: Buffer): Promise<string>;
  /** Reads the bytes of a key; throws when missing. */
  get(key: string): Promise<Buffer>;
}

/** A local folder store: one file per key, keys are random UUIDs (no user input in paths). */
export function localFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error("bad storage key");
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    async put(bytes) {
      const key = randomUUID();
      const file = pathOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a crash never leaves a half-written file under a live key.
      await fs.writeFile(`${file}.part`, bytes);
      await fs.rename(`${file}.part`, file);
      return key;
    },
    get: (key) => fs.readFile(pathOf(key)),
  };
}

/** An in-memory store for tests. */
export function memoryFileStorage(): FileStorage {
  const files = new Map<string, Buffer>();
  return {
    async put(bytes) {
      const key = randomUUID();
      files.set(key, Buffer.from(bytes));
      return key;
    },
    async get(key) {
      const bytes = files.get(key);
      if (!bytes) throw new Error("no such file");
      return bytes;
    },
  };
}

/** Accepted attachment types, recognised by their content, not by their name. */
export type SniffedType = "application/pdf" | "image/png" | "image/jpeg";

/** Recognises PDF, PNG and JPEG by their leading bytes; undefined for anything else. */
export function sniffType(bytes: Buffer): SniffedType | undefined {
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return undefined;
}
