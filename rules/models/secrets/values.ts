import { shannonEntropy } from './entropy';

/**
 * Provider formats: values that are secrets whatever they are called (`ENV GREETING=ghp_…`). Each format is
 * written from the provider's documented prefix and length; the entropy floor and the `EXAMPLE` rule drop
 * the sample values that documentation and tests are full of.
 */
export interface ValuePattern {
  id: string;
  /** What the value is, for messages: "a GitHub personal access token". */
  label: string;
  pattern: RegExp;
  /** The capture group that holds the secret itself (0: the whole match). */
  group?: number;
  /** A documented public prefix that may be shown unmasked (`AKIA`, `ghp_`). */
  prefix?: RegExp;
  /** Minimum Shannon entropy of the secret part: random keys pass, `xxxx…` and `abcabc…` do not. */
  minEntropy?: number;
  /** Extra validation of the secret part (decodes, structure). */
  accept?: (secret: string) => boolean;
}

const EXAMPLE_SUFFIX = /EXAMPLE(?:KEY)?$/i;

function decodesToCredentials(base64: string): boolean {
  const decoded = Buffer.from(base64, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1 && !/[\u0000-\u001f\ufffd]/.test(decoded);
}

function jwtHeaderHasAlg(jwt: string): boolean {
  try {
    return typeof JSON.parse(Buffer.from(jwt.slice(0, jwt.indexOf('.')), 'base64url').toString('utf8')).alg === 'string';
  } catch {
    return false;
  }
}

export const VALUE_PATTERNS: readonly ValuePattern[] = [
  { id: 'aws-access-key-id', label: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}\b/, prefix: /^A[A-Z0-9]{3}/, minEntropy: 3, accept: (key) => !EXAMPLE_SUFFIX.test(key) },
  { id: 'aws-secret-access-key', label: 'an AWS secret access key', pattern: /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/i, group: 1, minEntropy: 4, accept: (key) => !EXAMPLE_SUFFIX.test(key) },
  { id: 'github-pat', label: 'a GitHub personal access token', pattern: /\bghp_[A-Za-z0-9]{36}\b/, prefix: /^ghp_/, minEntropy: 3 },
  { id: 'github-fine-grained-pat', label: 'a GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{82}\b/, prefix: /^github_pat_/, minEntropy: 3 },
  { id: 'github-app-token', label: 'a GitHub OAuth, app or refresh token', pattern: /\bgh[ousr]_[A-Za-z0-9]{36}\b/, prefix: /^gh[ousr]_/, minEntropy: 3 },
  { id: 'gitlab-token', label: 'a GitLab token', pattern: /\bgl(?:pat|dt|rt|ft|soat|cbt|imt|agent)-[A-Za-z0-9_-]{20,1024}/, prefix: /^gl[a-z]+-/, minEntropy: 3 },
  { id: 'gitlab-runner-token', label: 'a GitLab runner registration token', pattern: /\bGR1348941[A-Za-z0-9_-]{20}\b/, prefix: /^GR1348941/, minEntropy: 3 },
  { id: 'slack-token', label: 'a Slack token', pattern: /\bxox[abposre]-[0-9]{6,1024}-[A-Za-z0-9-]{10,1024}/, prefix: /^xox[a-z]-/, minEntropy: 3 },
  { id: 'slack-app-token', label: 'a Slack app token', pattern: /\bxapp-\d-[A-Z0-9]{8,1024}-\d{6,1024}-[a-f0-9]{32,1024}/, prefix: /^xapp-/, minEntropy: 3 },
  { id: 'slack-webhook', label: 'a Slack webhook URL', pattern: /https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{40,60}/, prefix: /^https?:\/\/hooks\.slack\.com\//, minEntropy: 3 },
  { id: 'discord-webhook', label: 'a Discord webhook URL', pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{15,20}\/[A-Za-z0-9_-]{60,70}/, prefix: /^https:\/\/[a-z.]*discord(?:app)?\.com\//, minEntropy: 3 },
  { id: 'teams-webhook', label: 'a Microsoft Teams webhook URL', pattern: /https:\/\/[A-Za-z0-9-]+\.webhook\.office\.com\/webhookb2\/[A-Za-z0-9@-]{36,1024}\/IncomingWebhook\/[A-Za-z0-9]{32}\/[A-Za-z0-9-]{36}/, prefix: /^https:\/\/[A-Za-z0-9-]+\.webhook\.office\.com\//, minEntropy: 3 },
  { id: 'stripe-secret-key', label: 'a Stripe live secret key', pattern: /\b[rs]k_live_[A-Za-z0-9]{20,99}\b/, prefix: /^[rs]k_live_/, minEntropy: 3 },
  { id: 'google-api-key', label: 'a Google API key', pattern: /\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/, prefix: /^AIza/, minEntropy: 3.5 },
  { id: 'gcp-service-account', label: 'a Google service account key', pattern: /"type"\s*:\s*"service_account"[\s\S]{0,2000}?"private_key"\s*:\s*"-----BEGIN/ },
  { id: 'private-key', label: 'a private key', pattern: /-----BEGIN[ A-Z0-9_-]{0,60}PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=:,\s\\-]{40,1024}/, prefix: /^-----BEGIN[ A-Z0-9_-]*-----/ },
  { id: 'putty-private-key', label: 'a PuTTY private key', pattern: /PuTTY-User-Key-File-\d: [a-z0-9-]+(?:\\n|\s)+Encryption: [\s\S]{60,1024}/, prefix: /^PuTTY-User-Key-File-\d:/ },
  { id: 'age-secret-key', label: 'an age secret key', pattern: /\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b/, prefix: /^AGE-SECRET-KEY-1/, minEntropy: 3 },
  { id: 'jwt', label: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,1024}\.eyJ[A-Za-z0-9_-]{10,1024}\.[A-Za-z0-9_-]{10,1024}/, prefix: /^eyJ/, minEntropy: 3, accept: jwtHeaderHasAlg },
  { id: 'npm-token', label: 'an npm access token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/, prefix: /^npm_/, minEntropy: 3 },
  { id: 'npmrc-auth-token', label: 'an npm registry auth token', pattern: /:_auth(?:Token)?\s*=\s*["']?([^\s"'$]{8,1024})/, group: 1, minEntropy: 2.5 },
  { id: 'pypi-token', label: 'a PyPI upload token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1024}/, prefix: /^pypi-/, minEntropy: 3 },
  { id: 'dockerhub-token', label: 'a Docker Hub access token', pattern: /\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}(?![A-Za-z0-9_-])/, prefix: /^dckr_[a-z]+_/, minEntropy: 3 },
  { id: 'docker-auths', label: 'a registry login in a Docker auths entry', pattern: /"auths"\s*:\s*\{[\s\S]{0,4096}?"auth"\s*:\s*"([A-Za-z0-9+/]{6,1024}={0,2})"/, group: 1, accept: decodesToCredentials },
  { id: 'openai-api-key', label: 'an OpenAI API key', pattern: /\bsk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,1024}T3BlbkFJ[A-Za-z0-9_-]{20,1024}/, prefix: /^sk-(?:(?:proj|svcacct|admin)-)?/, minEntropy: 3 },
  { id: 'anthropic-api-key', label: 'an Anthropic API key', pattern: /\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,1024}/, prefix: /^sk-ant-[a-z]+\d\d-/, minEntropy: 3 },
  { id: 'huggingface-token', label: 'a Hugging Face token', pattern: /\bhf_[A-Za-z]{34}\b/, prefix: /^hf_/, minEntropy: 3.5 },
  { id: 'sendgrid-api-key', label: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/, prefix: /^SG\./, minEntropy: 3 },
  { id: 'twilio-api-key', label: 'a Twilio API key', pattern: /\bSK[0-9a-f]{32}\b/, prefix: /^SK/, minEntropy: 3 },
  { id: 'azure-storage-key', label: 'an Azure storage account key', pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/, group: 1, minEntropy: 4 },
  { id: 'azure-client-secret', label: 'an Azure AD client secret', pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/, minEntropy: 3.5 },
  { id: 'vault-token', label: 'a HashiCorp Vault token', pattern: /\bhv[sb]\.[A-Za-z0-9_-]{90,1024}/, prefix: /^hv[sb]\./, minEntropy: 3 },
  { id: 'terraform-cloud-token', label: 'a Terraform Cloud token', pattern: /\b[a-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/, minEntropy: 3 },
  { id: 'digitalocean-token', label: 'a DigitalOcean token', pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/, prefix: /^do[por]_v1_/, minEntropy: 3 },
  { id: 'databricks-token', label: 'a Databricks token', pattern: /\bdapi[a-f0-9]{32}(?:-\d)?\b/, prefix: /^dapi/, minEntropy: 3 },
  { id: 'grafana-token', label: 'a Grafana token', pattern: /\b(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,1024}={0,2})(?![A-Za-z0-9+/_])/, prefix: /^gl(?:sa|c)_/, minEntropy: 3 },
  { id: 'sentry-token', label: 'a Sentry auth token', pattern: /\bsntry[us]_[A-Za-z0-9+/=_-]{40,1024}/, prefix: /^sntry[us]_/, minEntropy: 3 },
  { id: 'shopify-token', label: 'a Shopify access token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/, prefix: /^shp[a-z]{2}_/, minEntropy: 3 },
  { id: 'linear-api-key', label: 'a Linear API key', pattern: /\blin_api_[A-Za-z0-9]{40}\b/, prefix: /^lin_api_/, minEntropy: 3 },
  { id: 'postman-api-key', label: 'a Postman API key', pattern: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/, prefix: /^PMAK-/, minEntropy: 3 },
  { id: 'doppler-token', label: 'a Doppler token', pattern: /\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}\b/, prefix: /^dp\.[a-z]+\./, minEntropy: 3 },
  { id: 'newrelic-key', label: 'a New Relic key', pattern: /\bNRAK-[A-Z0-9]{27}\b/, prefix: /^NRAK-/, minEntropy: 3 },
  { id: 'url-credentials', label: 'a password inside a URL', pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@"'`]{0,128}:([^\s/@"'`]{1,256})@[^\s/@"'`]/i, group: 1 },
  { id: 'authorization-header', label: 'an Authorization header credential', pattern: /\bAuthorization\s*:\s*(?:Basic|Bearer|Token)\s+([A-Za-z0-9._~+/=-]{8,1024})/i, group: 1, minEntropy: 2.5 },
];

/** A format found in a value: where the secret part starts and ends inside the value. */
export interface ValueMatch {
  pattern: ValuePattern;
  secret: string;
  /** The whole match (for a URL: the URL up to its host). */
  match: string;
  matchStart: number;
  start: number;
  end: number;
}

/** Every provider format in a value (one per format), in the order of the table. */
/** Longer values are judged by their start: every format is far shorter, and matching stays linear. */
const MAX_JUDGED_LENGTH = 20_000;

/**
 * Every format as one alternation (one per flag set): a value no alternative matches — nearly every word of a
 * command line — is answered by one or two scans instead of one per format. Built from the table, so a new
 * format is covered without a word here; the formats use no backreferences, so each reads the same inside it.
 */
const ANY_FORMAT: readonly RegExp[] = [...new Set(VALUE_PATTERNS.map((format) => format.pattern.flags))].map(
  (flags) => new RegExp(VALUE_PATTERNS.filter((format) => format.pattern.flags === flags).map((format) => `(?:${format.pattern.source})`).join('|'), flags),
);

/** Whether a value may hold a provider format: false means `findValuePatterns` finds none. */
export function mayHoldValuePattern(raw: string): boolean {
  const value = raw.length > MAX_JUDGED_LENGTH ? raw.slice(0, MAX_JUDGED_LENGTH) : raw;
  // A loop, not `some`: asked of every word of every command line, a closure each time added up.
  for (const any of ANY_FORMAT) if (any.test(value)) return true;
  return false;
}

export function findValuePatterns(raw: string): ValueMatch[] {
  if (!mayHoldValuePattern(raw)) return [];
  const value = raw.length > MAX_JUDGED_LENGTH ? raw.slice(0, MAX_JUDGED_LENGTH) : raw;
  const found: ValueMatch[] = [];
  for (const pattern of VALUE_PATTERNS) {
    const match = pattern.pattern.exec(value);
    if (!match) continue;
    const group = pattern.group ?? 0;
    const secret = match[group];
    if (secret === undefined) continue;
    if (pattern.minEntropy !== undefined && shannonEntropy(secret) < pattern.minEntropy) continue;
    if (pattern.accept && !pattern.accept(secret)) continue;
    const start = match.index + (group === 0 ? 0 : match[0].lastIndexOf(secret));
    found.push({ pattern, secret, match: match[0], matchStart: match.index, start, end: start + secret.length });
  }
  return found;
}
