import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll } from 'vitest';
import { tempDir } from './tmp.js';

export interface S3Fake {
  endpoint: string;
  /** The environment a medir process needs to reach it, as the AWS SDK and LanceDB read it. */
  env: Record<string, string>;
  /** A client for the test itself (listing, deleting, overwriting objects). */
  client: S3Client;
}

/**
 * s3rver on 127.0.0.1 on a free port, its buckets in a temp folder, stopped after the file's tests.
 * It runs in the test's process: spawn medir without blocking (medirAsync), or it cannot answer.
 * s3rver ignores conditional PUTs, so each LanceDB table in it gets one writer.
 */
export async function startS3rver(buckets: string[]): Promise<S3Fake> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: tempDir('medir-s3rver-'), configureBuckets: buckets.map((name) => ({ name, configs: [] })) });
  const { port } = await server.run();
  afterAll(() => server.close());
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // the SDK's notice that Node 20 support ends in 2027
  const client = new S3Client({ endpoint, region: env.AWS_REGION, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return { endpoint, env, client };
}
