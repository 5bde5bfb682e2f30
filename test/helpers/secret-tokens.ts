/**
 * Token-shaped values generated at test time from each provider's format, so that no real-looking
 * credential is ever committed (secret scanners and push protection would rightly stop it). Seeded:
 * the same run gives the same values.
 */
export type Random = (length: number, alphabet?: string) => string;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;

/** A seeded generator of random strings over an alphabet (mulberry32). */
export function randomSource(seed = 16): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (length, alphabet = ALNUM) => {
    let out = '';
    // Letters and digits both present, as in real tokens (an all-letter body could spell a word).
    do {
      out = '';
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    } while (length >= 8 && alphabet === ALNUM && !(/[0-9]/.test(out) && /[A-Za-z]/.test(out)));
    return out;
  };
}

const b64url = (text: string): string => Buffer.from(text).toString('base64url');
const uuid = (r: Random): string => `${r(8, HEX)}-${r(4, HEX)}-4${r(3, HEX)}-a${r(3, HEX)}-${r(12, HEX)}`;
/** Written in two pieces so that this file never holds a PEM header a scanner would read as a key. */
const PEM = (label: string): string => ['-----BEGIN', `${label}PRIVATE KEY-----`].join(' ');
const PEM_END = (label: string): string => ['-----END', `${label}PRIVATE KEY-----`].join(' ');

/** For each provider format id: a value that is that secret, and a near miss that is not. */
export const TOKEN_FORMATS: Record<string, { make: (r: Random) => string; miss: (r: Random) => string }> = {
  'aws-access-key-id': { make: (r) => `AKIA${r(16, UPPER + '234567')}`, miss: (r) => `AKIA${r(12, UPPER)}EXAMPLE` },
  'aws-secret-access-key': { make: (r) => `aws_secret_access_key=${r(40, B64)}`, miss: (r) => `aws_secret_access_key=${r(30, B64)}` },
  'github-pat': { make: (r) => `ghp_${r(36)}`, miss: (r) => `ghp_${r(30)}` },
  'github-fine-grained-pat': { make: (r) => `github_pat_${r(22)}_${r(59)}`, miss: (r) => `github_pat_${r(40)}` },
  'github-app-token': { make: (r) => `ghs_${r(36)}`, miss: () => `ghs_${'x'.repeat(36)}` },
  'gitlab-token': { make: (r) => `glpat-${r(20, URLSAFE)}`, miss: (r) => `glpat-${r(12)}` },
  'gitlab-runner-token': { make: (r) => `GR1348941${r(20, URLSAFE)}`, miss: (r) => `GR1348941${r(10)}` },
  'slack-token': { make: (r) => `xoxb-${r(11, DIGITS)}-${r(12, DIGITS)}-${r(24)}`, miss: (r) => `xoxb-${r(3, DIGITS)}-${r(24)}` },
  'slack-app-token': { make: (r) => `xapp-1-A${r(10, UPPER + DIGITS)}-${r(13, DIGITS)}-${r(64, HEX)}`, miss: (r) => `xapp-1-${r(10, LOWER)}` },
  'slack-webhook': { make: (r) => `https://hooks.slack.com/services/T${r(8, UPPER + DIGITS)}/B${r(8, UPPER + DIGITS)}/${r(24)}`, miss: () => 'https://hooks.slack.com/services/T000/B000/XXXX' },
  'discord-webhook': { make: (r) => `https://discord.com/api/webhooks/${r(18, DIGITS)}/${r(68, URLSAFE)}`, miss: (r) => `https://discord.com/api/webhooks/${r(18, DIGITS)}/abc` },
  'teams-webhook': { make: (r) => `https://acme.webhook.office.com/webhookb2/${uuid(r)}@${uuid(r)}/IncomingWebhook/${r(32, HEX)}/${uuid(r)}`, miss: () => 'https://acme.webhook.office.com/webhookb2/<id>' },
  'stripe-secret-key': { make: (r) => `sk_live_${r(24)}`, miss: (r) => `pk_live_${r(24)}` },
  'google-api-key': { make: (r) => `AIza${r(35, URLSAFE)}`, miss: (r) => `AIza${r(20, URLSAFE)}` },
  'gcp-service-account': {
    make: (r) => `{"type": "service_account", "project_id": "acme", "private_key_id": "${r(40, HEX)}", "private_key": "${PEM('')}\\n${r(64, B64)}\\n${PEM_END('')}\\n"}`,
    miss: () => '{"type": "service_account", "project_id": "acme"}',
  },
  'private-key': { make: (r) => `${PEM('RSA ')}\n${r(64, B64)}\n${r(64, B64)}\n${PEM_END('RSA ')}`, miss: () => `${PEM('')}\n...\n${PEM_END('')}` },
  'putty-private-key': { make: (r) => `PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${r(64, B64)}`, miss: () => 'PuTTY-User-Key-File-2: ssh-rsa' },
  'age-secret-key': { make: (r) => `AGE-SECRET-KEY-1${r(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')}`, miss: (r) => `AGE-SECRET-KEY-1${r(20, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')}` },
  jwt: {
    make: (r) => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${r(12)}","iat":1700000000}`)}.${r(43, URLSAFE)}`,
    miss: (r) => `${b64url('{"typ":"none-at-all"}')}.${b64url(`{"sub":"${r(12)}"}`)}.${r(43, URLSAFE)}`,
  },
  'npm-token': { make: (r) => `npm_${r(36)}`, miss: (r) => `npm_${r(20)}` },
  'npmrc-auth-token': { make: (r) => `//registry.npmjs.org/:_authToken=${uuid(r)}`, miss: () => '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' },
  'pypi-token': { make: (r) => `pypi-AgEIcHlwaS5vcmc${r(60, URLSAFE)}`, miss: (r) => `pypi-${r(30)}` },
  'dockerhub-token': { make: (r) => `dckr_pat_${r(27, URLSAFE)}`, miss: (r) => `dckr_pat_${r(10)}` },
  'docker-auths': { make: (r) => `{"auths":{"registry.example.com":{"auth":"${Buffer.from(`ci:${r(16)}`).toString('base64')}"}}}`, miss: () => '{"auths":{"registry.example.com":{}},"credsStore":"desktop"}' },
  'openai-api-key': { make: (r) => `sk-proj-${r(40, URLSAFE)}T3BlbkFJ${r(40, URLSAFE)}`, miss: (r) => `sk-proj-${r(40)}` },
  'anthropic-api-key': { make: (r) => `sk-ant-api03-${r(93, URLSAFE)}AA`, miss: (r) => `sk-ant-api03-${r(20)}` },
  'huggingface-token': { make: (r) => `hf_${r(34, UPPER + LOWER)}`, miss: (r) => `hf_${r(20, LOWER)}` },
  'sendgrid-api-key': { make: (r) => `SG.${r(22, URLSAFE)}.${r(43, URLSAFE)}`, miss: (r) => `SG.${r(10)}.${r(10)}` },
  'twilio-api-key': { make: (r) => `SK${r(32, HEX)}`, miss: () => `SK${'0'.repeat(32)}` },
  'azure-storage-key': { make: (r) => `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${r(86, B64)}==;EndpointSuffix=core.windows.net`, miss: () => 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=<key>;EndpointSuffix=core.windows.net' },
  'azure-client-secret': { make: (r) => `${r(3)}${r(1, DIGITS)}Q~${r(34, `${ALNUM}_~.-`)}`, miss: (r) => `${r(3)}${r(1, DIGITS)}Q~${r(10)}` },
  'vault-token': { make: (r) => `hvs.${r(95, URLSAFE)}`, miss: (r) => `hvs.${r(20)}` },
  'terraform-cloud-token': { make: (r) => `${r(14, LOWER + DIGITS)}.atlasv1.${r(67, URLSAFE)}`, miss: (r) => `${r(14, LOWER + DIGITS)}.atlasv1.${r(10)}` },
  'digitalocean-token': { make: (r) => `dop_v1_${r(64, HEX)}`, miss: (r) => `dop_v1_${r(30, HEX)}` },
  'databricks-token': { make: (r) => `dapi${r(32, HEX)}`, miss: (r) => `dapi${r(20, HEX)}` },
  'grafana-token': { make: (r) => `glsa_${r(32)}_${r(8, HEX)}`, miss: (r) => `glsa_${r(10)}` },
  'sentry-token': { make: (r) => `sntryu_${r(64, HEX)}`, miss: (r) => `sntryu_${r(10, HEX)}` },
  'shopify-token': { make: (r) => `shpat_${r(32, HEX)}`, miss: (r) => `shpat_${r(16, HEX)}` },
  'linear-api-key': { make: (r) => `lin_api_${r(40)}`, miss: (r) => `lin_api_${r(20)}` },
  'postman-api-key': { make: (r) => `PMAK-${r(24, HEX)}-${r(34, HEX)}`, miss: (r) => `PMAK-${r(10, HEX)}` },
  'doppler-token': { make: (r) => `dp.pt.${r(43)}`, miss: (r) => `dp.pt.${r(10)}` },
  'newrelic-key': { make: (r) => `NRAK-${r(27, UPPER + DIGITS)}`, miss: (r) => `NRAK-${r(10, UPPER)}` },
  'url-credentials': { make: (r) => `postgres://app:${r(14)}@db:5432/app`, miss: () => 'postgres://app:${DB_PASSWORD}@db:5432/app' },
  'authorization-header': { make: (r) => `Authorization: Bearer ${r(40)}`, miss: () => 'Authorization: Bearer $TOKEN' },
};

/** `@@GEN:<format>@@` markers of a fixture replaced by generated values (one fresh value per marker). */
export function fillTokens(text: string, random: Random, generated: string[] = []): string {
  // `@@GENJ:…@@` is the JSON-escaped form (newlines as `\n`), for values written inside one quoted line.
  return text.replace(/@@GEN(J?):([a-z0-9-]+)@@/g, (_all, escaped: string, id: string) => {
    const format = id === 'password' ? PASSWORD : TOKEN_FORMATS[id];
    if (!format) throw new Error(`unknown token format ${id}`);
    const value = format.make(random);
    generated.push(value);
    return escaped ? JSON.stringify(value).slice(1, -1) : value;
  });
}

/** A random password (not a provider format): letters, digits and a dash. */
const PASSWORD = { make: (r: Random) => `${r(4, UPPER)}${r(6, LOWER)}${r(4, DIGITS)}-${r(3, LOWER)}` };
