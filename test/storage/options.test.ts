import { describe, expect, it } from 'vitest';
import { lancedbStorageOptions } from '../../src/storage/lancedb-options.js';
import { s3PathStyle } from '../../src/storage/s3.js';
import { isObjectUri, keyUri, objectKey, parseObjectUri } from '../../src/storage/uri.js';
import { medirErrorOf } from '../helpers/errors.js';

describe('object-store URIs', () => {
  it('takes s3://bucket/prefix apart and tells URIs from paths', () => {
    const uri = parseObjectUri('s3://my-bucket/a/b/', '--shard-dir');
    expect(uri).toEqual({ scheme: 's3', bucket: 'my-bucket', prefix: 'a/b' });
    expect(objectKey(uri, '0-of-4', 'shard.json')).toBe('a/b/0-of-4/shard.json');
    expect(keyUri(uri, 'a/b/x')).toBe('s3://my-bucket/a/b/x');
    expect(objectKey(parseObjectUri('s3://bucket', '--x'), 'k')).toBe('k');
    expect([isObjectUri('gs://b/x'), isObjectUri('az://c/x'), isObjectUri('/data/s3://x'), isObjectUri('shards'), isObjectUri(undefined)]).toEqual([true, true, false, false, false]);
  });

  it('refuses a bucket name S3 would refuse, naming the option', async () => {
    for (const bad of ['s3://', 's3://B/x', 's3://a/x', 's3://-bucket/x']) {
      const err = await medirErrorOf(() => parseObjectUri(bad, '--shard-dir'));
      expect(err.code).toBe('BAD_OPTION');
      expect(err.message).toBe(`--shard-dir ${bad}: expected s3://bucket/prefix (bucket: 3–63 lowercase letters, digits, dots, hyphens)`);
    }
  });
});

describe('how S3 is addressed', () => {
  it('path-style for a custom endpoint unless AWS_VIRTUAL_HOSTED_STYLE_REQUEST=true; virtual-hosted on AWS', () => {
    expect(s3PathStyle({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' })).toBe(true);
    expect(s3PathStyle({ AWS_ENDPOINT_URL_S3: 'https://minio.lan' })).toBe(true);
    expect(s3PathStyle({ AWS_ENDPOINT_URL: 'https://minio.lan', AWS_VIRTUAL_HOSTED_STYLE_REQUEST: 'true' })).toBe(false);
    expect(s3PathStyle({})).toBe(false);
  });

  it("gives LanceDB the SDK's endpoint (service-specific first), region and addressing; nothing for a folder", () => {
    const env = { AWS_ENDPOINT_URL: 'https://general', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568', AWS_REGION: 'eu-west-1' };
    expect(lancedbStorageOptions('s3://b/t', env)).toMatchObject({ endpoint: 'http://127.0.0.1:4568', allow_http: 'true', region: 'eu-west-1', virtual_hosted_style_request: 'false', client_max_retries: '3' });
    const aws = lancedbStorageOptions('s3://b/t', { AWS_REGION: 'us-west-2' })!;
    expect(aws).toMatchObject({ region: 'us-west-2', virtual_hosted_style_request: 'true' });
    expect(aws).not.toHaveProperty('endpoint');
    expect(aws).not.toHaveProperty('allow_http');
    // gs:// and az:// are LanceDB's: timeouts only, no AWS settings
    expect(Object.keys(lancedbStorageOptions('gs://b/t', env)!).sort()).toEqual(['client_max_retries', 'client_retry_timeout', 'connect_timeout', 'timeout']);
    expect(lancedbStorageOptions('/data/tables', env)).toBeUndefined();
  });
});
