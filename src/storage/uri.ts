import { MedirError } from '../core/errors.js';

/** URI schemes of object stores: s3:// is read and written by medir (src/storage/s3.ts); gs:// and az:// only by LanceDB. */
export const OBJECT_SCHEMES = ['s3', 'gs', 'az'] as const;
export type ObjectScheme = (typeof OBJECT_SCHEMES)[number];

/** `s3://bucket/prefix` taken apart; `prefix` has no leading or trailing slash ('' for the bucket's root). */
export interface ObjectUri {
  scheme: ObjectScheme;
  bucket: string;
  prefix: string;
}

const PATTERN = new RegExp(`^(${OBJECT_SCHEMES.join('|')})://([^/]*)(?:/(.*))?$`);

/** Whether `value` names an object store (a URI with one of OBJECT_SCHEMES) rather than a local path. */
export const isObjectUri = (value: string | undefined): value is string => value !== undefined && PATTERN.test(value);

/** Parses an object-store URI; `option` (e.g. `--shard-dir`) names where it came from in the error. */
export function parseObjectUri(value: string, option: string): ObjectUri {
  const m = PATTERN.exec(value);
  // S3's bucket naming rules (3–63 lowercase letters, digits, dots and hyphens) are GCS's and close to Azure's containers
  if (!m || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(m[2])) {
    throw new MedirError('BAD_OPTION', `${option} ${value}: expected s3://bucket/prefix (bucket: 3–63 lowercase letters, digits, dots, hyphens)`);
  }
  return { scheme: m[1] as ObjectScheme, bucket: m[2], prefix: (m[3] ?? '').replace(/^\/+|\/+$/g, '') };
}

/** The key of `parts` under the URI's prefix. */
export const objectKey = (uri: ObjectUri, ...parts: string[]): string => [uri.prefix, ...parts].filter(Boolean).join('/');

/** The URI of a key (for messages: every storage error names the object it was about). */
export const keyUri = (uri: ObjectUri, key: string): string => `${uri.scheme}://${uri.bucket}/${key}`;
