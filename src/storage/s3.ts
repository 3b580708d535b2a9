import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { MedirError } from '../core/errors.js';
import type { ObjectStore } from './object-store.js';
import { keyUri, type ObjectUri } from './uri.js';

/** S3's limit for one PUT; larger shard files need more shards (multipart upload is not used). */
const MAX_PUT_BYTES = 5 * 1024 ** 3;
/** A dead or unroutable endpoint fails after CONNECT_MS per attempt, never hangs; IDLE_MS bounds a stalled transfer. */
const CONNECT_MS = 5_000;
const IDLE_MS = 60_000;
const ATTEMPTS = 3;

/** The endpoint the AWS SDK takes from the environment (service-specific first), for path-style and messages. */
export const s3Endpoint = (env: NodeJS.ProcessEnv = process.env): string | undefined => env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;

/**
 * Path-style addressing (`endpoint/bucket/key`) for a custom endpoint (MinIO, s3rver, Ceph …: they
 * rarely resolve `bucket.host`), unless AWS_VIRTUAL_HOSTED_STYLE_REQUEST=true, the variable LanceDB's
 * object store reads for the same choice; virtual-hosted (AWS's default and recommendation) on AWS itself.
 */
export const s3PathStyle = (env: NodeJS.ProcessEnv = process.env): boolean => s3Endpoint(env) !== undefined && env.AWS_VIRTUAL_HOSTED_STYLE_REQUEST !== 'true';

let client: S3Client | undefined;

/**
 * One client per process. Credentials, region and endpoint: the SDK's own chain (AWS_ACCESS_KEY_ID …,
 * AWS_REGION, AWS_ENDPOINT_URL(_S3), ~/.aws, instance roles). With a custom endpoint, checksums only
 * where S3 requires them: the SDK's default sends streamed uploads as aws-chunked with a trailing
 * checksum, which S3-compatible servers that predate it (s3rver among them) store verbatim, frame
 * and all. Shards carry their own sha256, checked on download, either way.
 */
function s3Client(): S3Client {
  const custom = s3Endpoint() !== undefined;
  return (client ??= new S3Client({
    forcePathStyle: s3PathStyle(),
    ...(custom ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
    maxAttempts: ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECT_MS, requestTimeout: IDLE_MS },
  }));
}

const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError', 'RequestTimeout']);

/** An SDK failure as a MedirError naming the object's URI and what to check. */
export function s3Error(err: unknown, uri: string): MedirError {
  if (err instanceof MedirError) return err;
  const e = err as Error & { Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.Code ?? e.name;
  const where = s3Endpoint() ? `endpoint ${s3Endpoint()}` : 'AWS';
  if (name === 'NoSuchBucket') return new MedirError('STORAGE', `${uri}: no such bucket (${where})`, 'create the bucket, or check the URI and AWS_ENDPOINT_URL');
  if (name === 'CredentialsProviderError' || /credential/i.test(e.message ?? '')) {
    return new MedirError('STORAGE', `${uri}: no AWS credentials (${e.message})`, 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or run with an instance role)');
  }
  if (/region is missing/i.test(e.message ?? '')) return new MedirError('STORAGE', `${uri}: no region`, 'set AWS_REGION (any value, e.g. us-east-1, for most S3-compatible servers)');
  if (NETWORK.has(name) || NETWORK.has(e.code ?? '')) {
    return new MedirError('STORAGE', `${uri}: cannot reach ${where} (${e.code ?? name}: ${e.message})`, 'check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_S3 and the network');
  }
  if (e.$metadata?.httpStatusCode === 403 || ['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch'].includes(name)) {
    return new MedirError('STORAGE', `${uri}: access denied (${name})`, 'check the credentials and that they may s3:GetObject, s3:PutObject, s3:ListBucket and s3:DeleteObject here');
  }
  return new MedirError('STORAGE', `${uri}: ${name}: ${e.message}`);
}

/** A pass-through stream that hashes and counts what flows through it. */
function hashing() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.digest('hex') }) };
}

/** An S3 (or S3-compatible) bucket through @aws-sdk/client-s3. */
export function s3Store(uri: ObjectUri): ObjectStore {
  const Bucket = uri.bucket;
  const at = (key: string) => keyUri(uri, key);
  async function send<T>(key: string, run: (c: S3Client) => Promise<T>): Promise<T> {
    try {
      return await run(s3Client());
    } catch (err) {
      throw s3Error(err, at(key));
    }
  }
  return {
    uri,
    async upload(key, file) {
      const size = statSync(file).size;
      if (size > MAX_PUT_BYTES) throw new MedirError('STORAGE', `${file}: ${size} bytes, over S3's 5 GiB for one upload to ${at(key)}`, 'use more shards (--shards N)');
      await send(key, (c) => c.send(new PutObjectCommand({ Bucket, Key: key, Body: createReadStream(file), ContentLength: size })));
    },
    async putText(key, text) {
      await send(key, (c) => c.send(new PutObjectCommand({ Bucket, Key: key, Body: text, ContentType: 'application/json' })));
    },
    async getText(key) {
      try {
        const out = await s3Client().send(new GetObjectCommand({ Bucket, Key: key }));
        return await out.Body!.transformToString('utf8');
      } catch (err) {
        if (err instanceof NoSuchKey || (err as Error).name === 'NoSuchKey') return undefined;
        throw s3Error(err, at(key));
      }
    },
    async download(key, file) {
      return send(key, async (c) => {
        const out = await c.send(new GetObjectCommand({ Bucket, Key: key }));
        const h = hashing();
        await pipeline(out.Body as Readable, h.stream, createWriteStream(file));
        return h.result();
      });
    },
    async folders(prefix) {
      const under = prefix ? `${prefix}/` : '';
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page: ListObjectsV2CommandOutput = await send(prefix, (c) => c.send(new ListObjectsV2Command({ Bucket, Prefix: under, Delimiter: '/', ContinuationToken: token })));
        for (const p of page.CommonPrefixes ?? []) names.push(p.Prefix!.slice(under.length).replace(/\/$/, ''));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return names;
    },
    async delete(keys) {
      // DeleteObjects takes at most 1,000 keys a request
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        await send(batch[0], (c) => c.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } })));
      }
    },
  };
}
