/**
 * The one way a secret is shown anywhere (messages, fix titles, hover, JSON, SARIF, report): a documented
 * public prefix (`AKIA`, `ghp_`) or the first 4 characters, never more than a quarter of the value, then its
 * length. In a URL only the password is hidden: scheme, user and host help find the line and are not secret.
 */
const URL_USERINFO = /^([a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@]{0,128}:)([^\s/@]{1,256})(@[\s\S]*)$/i;

export function maskSecret(value: string, publicPrefix?: string): string {
  const url = URL_USERINFO.exec(value);
  if (url) return `${url[1]}••••${url[3]}`;
  const quarter = Math.floor(value.length / 4);
  const shown = publicPrefix && publicPrefix.length <= quarter ? publicPrefix : value.slice(0, Math.min(4, quarter));
  return `${shown}… (${value.length} chars)`;
}
