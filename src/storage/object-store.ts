import { lookup } from '../core/registry.js';
import { s3Store } from './s3.js';
import { parseObjectUri, type ObjectUri } from './uri.js';

/**
 * The few operations medir needs from a bucket. Each single PUT is atomic (a reader sees the old
 * object or the new one, never half), which is all the commit protocol of src/jobs/shard-objects.ts
 * relies on: objects first, a marker object last. Every error names the object's URI.
 */
export interface ObjectStore {
  readonly uri: ObjectUri;
  /** Uploads a local file. */
  upload(key: string, file: string): Promise<void>;
  putText(key: string, text: string): Promise<void>;
  /** The object's text, or undefined when there is no such key. */
  getText(key: string): Promise<string | undefined>;
  /** Downloads into a local file; returns its size and sha256 as read. */
  download(key: string, file: string): Promise<{ bytes: number; sha256: string }>;
  /** The names of the "folders" directly under `prefix/` (common prefixes at '/'). */
  folders(prefix: string): Promise<string[]>;
  delete(keys: readonly string[]): Promise<void>;
}

/** Object stores medir itself reads and writes, by URI scheme. gs:// and az:// reach LanceDB only (see src/storage/lancedb-options.ts). */
export const OBJECT_STORES = {
  s3: s3Store,
} as const satisfies Record<string, (uri: ObjectUri) => ObjectStore>;

/** The store for `value` (`s3://bucket/prefix`); `option` names the flag in errors. */
export function openObjectStore(value: string, option: string): ObjectStore {
  const uri = parseObjectUri(value, option);
  const open = lookup(OBJECT_STORES, `object store for ${option}`, uri.scheme, 'gs:// and az:// are passed to LanceDB only (--lancedb-uri); shards go to s3:// or a folder');
  return open(uri);
}
