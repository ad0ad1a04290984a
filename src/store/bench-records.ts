import { link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BENCH_PREFIX, BenchRecord, benchCellPrefix, benchKeyPrefix, benchRecordKey, type Runtime } from '../core/bench-record.js';
import { UserError } from '../errors.js';
import type { Store } from './store.js';
import { LocalStore } from './local.js';
import type { S3Store } from './s3/s3-store.js';

/** Create-only small objects: what benchmark records need from a store. */
interface RecordObjects {
  putIfAbsent(key: string, body: string): Promise<boolean>;
  read(key: string): Promise<string | undefined>;
  list(prefix: string): Promise<string[]>;
}

/** Duck-typed, so a local store never loads the S3 client (open.ts imports it lazily). */
function isS3(store: Store): store is Store & S3Store {
  return typeof (store as Partial<S3Store>).putTextIfAbsent === 'function';
}

function objects(store: Store): RecordObjects {
  if (isS3(store)) {
    return { putIfAbsent: (k, b) => store.putTextIfAbsent(k, b), read: (k) => store.readText(k), list: (p) => store.listUnder(p) };
  }
  if (store instanceof LocalStore) return localObjects(store.root);
  throw new Error('benchmark records: this store keeps no records');
}

/** The local twin: link(2) of a fully written temporary file fails when the name exists. */
function localObjects(root: string): RecordObjects {
  const file = (key: string): string => path.join(root, ...key.split('/'));
  return {
    async putIfAbsent(key, body) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.tmp`;
      await writeFile(temporary, body, { flag: 'wx' });
      try {
        await link(temporary, target);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      } finally {
        await unlink(temporary);
      }
    },
    async read(key) {
      try {
        return await readFile(file(key), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async list(prefix) {
      try {
        const entries = await readdir(file(prefix), { recursive: true });
        return entries.filter((e) => e.endsWith('.json')).map((e) => prefix + e.split(path.sep).join('/'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}

function parseRecord(where: string, text: string): BenchRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`benchmark record ${where} is not valid JSON (truncated or corrupted): ${(error as Error).message}`);
  }
  const parsed = BenchRecord.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UserError(`benchmark record ${where} is invalid at ${first.path.join('.') || '(top level)'}: ${first.message}`);
  }
  return parsed.data;
}

/** Whether a run with this key is already recorded (then bench skips it unless forced). */
export async function hasBenchRecord(store: Store, cell: string, runtime: Runtime, key: string): Promise<boolean> {
  return (await objects(store).list(benchKeyPrefix(cell, runtime, key))).length > 0;
}

/** Stores a record, create-only; false when a record of the same run already exists there. */
export async function saveBenchRecord(store: Store, record: BenchRecord): Promise<{ created: boolean; key: string }> {
  const key = benchRecordKey(record);
  const created = await objects(store).putIfAbsent(key, `${JSON.stringify(BenchRecord.parse(record), null, 2)}\n`);
  return { created, key };
}

/** The newest record of each runtime × key of a cell (a forced re-run supersedes the earlier one). */
export function readBenchRecords(store: Store, cell: string): Promise<BenchRecord[]> {
  return readBenchRecordsUnder(store, benchCellPrefix(cell));
}

/** Every cell's newest records, from one listing (plan and compare read them all at once). */
export async function readBenchRecordsUnder(store: Store, prefix = BENCH_PREFIX): Promise<BenchRecord[]> {
  const o = objects(store);
  const keys = (await o.list(prefix)).sort();
  const newest = new Map<string, string>();
  for (const key of keys) newest.set(key.slice(0, key.lastIndexOf('/')), key); // sorted: the last is the newest
  const records: BenchRecord[] = [];
  for (const key of newest.values()) {
    const text = await o.read(key);
    if (text !== undefined) records.push(parseRecord(key, text));
  }
  return records;
}
