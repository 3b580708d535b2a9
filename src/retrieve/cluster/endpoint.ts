import { MedirError } from '../../core/errors.js';

/** How to reach one index of a search cluster. `url` never holds credentials: it is what manifests, logs and errors name. */
export interface ClusterEndpoint {
  url: string;
  index: string;
  auth?: { username: string; password: string } | { apiKey: string };
  timeoutMs: number;
}

/**
 * Splits `--url` into a credential-free URL and the credentials, taken from the URL's userinfo or,
 * when it has none, from MEDIR_CLUSTER_USERNAME/MEDIR_CLUSTER_PASSWORD or MEDIR_CLUSTER_API_KEY.
 */
export function clusterEndpoint(rawUrl: string | undefined, index: string | undefined, timeoutSeconds: number, env: NodeJS.ProcessEnv = process.env): ClusterEndpoint {
  if (!rawUrl) throw new MedirError('BAD_OPTION', '--url: the cluster to search is required (e.g. --url http://localhost:9200)');
  if (!index) throw new MedirError('BAD_OPTION', '--index: the index on the cluster is required');
  let parsed: URL;
  try {
    parsed = new URL(rawUrl);
  } catch {
    throw new MedirError('BAD_OPTION', `--url: not a URL: '${redact(rawUrl)}'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new MedirError('BAD_OPTION', `--url: expected http:// or https://, got '${parsed.protocol}'`);
  // An index name is one path segment: '/', '*', ',' would address other indexes or APIs.
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(index)) throw new MedirError('BAD_OPTION', `--index: '${index}' is not a plain index name (lowercase letters, digits, '.', '_', '-')`);
  if (!(timeoutSeconds > 0)) throw new MedirError('BAD_OPTION', `--timeout: expected seconds > 0, got ${timeoutSeconds}`);
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString().replace(/\/$/, '');
  const auth = username
    ? { username, password }
    : env.MEDIR_CLUSTER_API_KEY
      ? { apiKey: env.MEDIR_CLUSTER_API_KEY }
      : env.MEDIR_CLUSTER_USERNAME
        ? { username: env.MEDIR_CLUSTER_USERNAME, password: env.MEDIR_CLUSTER_PASSWORD ?? '' }
        : undefined;
  return { url, index, ...(auth ? { auth } : {}), timeoutMs: Math.round(timeoutSeconds * 1000) };
}

/** A URL as it may be shown: any userinfo replaced by `***`. */
export function redact(text: string): string {
  return text.replace(/(\/\/)[^/@\s]*@/g, '$1***@');
}
