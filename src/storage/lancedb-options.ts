import { s3Endpoint, s3PathStyle } from './s3.js';
import { isObjectUri } from './uri.js';

/**
 * LanceDB's `storageOptions` for a table URI, from the same environment the AWS SDK reads, so
 * shards (src/storage/s3.ts) and tables reach one bucket the same way. LanceDB reads the keys
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) itself; the endpoint is passed
 * explicitly so both use the one the SDK picks (AWS_ENDPOINT_URL_S3 before AWS_ENDPOINT_URL). The
 * retry limits keep a wrong endpoint from retrying for LanceDB's default 3 minutes.
 * gs:// and az:// get only the timeouts: their own environment (GOOGLE_*, AZURE_STORAGE_*) is LanceDB's to read.
 */
export function lancedbStorageOptions(uri: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> | undefined {
  if (!isObjectUri(uri)) return undefined;
  const options: Record<string, string> = { connect_timeout: '5s', timeout: '60s', client_max_retries: '3', client_retry_timeout: '30' };
  if (!uri.startsWith('s3://')) return options;
  const endpoint = s3Endpoint(env);
  if (env.AWS_REGION) options.region = env.AWS_REGION;
  // the SDK's addressing (virtual-hosted on AWS, path-style for a custom endpoint), where LanceDB's own default is path-style
  options.virtual_hosted_style_request = String(!s3PathStyle(env));
  if (endpoint) {
    options.endpoint = endpoint;
    if (endpoint.startsWith('http://')) options.allow_http = 'true';
  }
  return options;
}
