import { type GoMap, type GoValue, TemplateError } from '../value';
import { entry, mapArg, stringArg } from './arguments';
import { strval } from './go-values';
import type { FunctionEntry } from './types';

/**
 * Network functions. `helm template` runs without DNS (`--enable-dns` off), where Helm replaces getHostByName with
 * a function returning ""; the linter never touches the network, so that is the behaviour here.
 * urlParse/urlJoin follow Go's net/url: scheme, `//userinfo@host`, path (unescaped), raw query, fragment.
 */

function unescape(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TemplateError(`unable to parse url: invalid URL escape in ${JSON.stringify(text)}`);
  }
}

function urlParse(text: string): GoMap {
  let rest = text;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = unescape(rest.slice(hash + 1));
    rest = rest.slice(0, hash);
  }
  let scheme = '';
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  let query = '';
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  let host = '';
  let userinfo = '';
  let opaque = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    let authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      userinfo = authority.slice(0, at);
      authority = authority.slice(at + 1);
    }
    host = authority;
  } else if (scheme && !rest.startsWith('/')) {
    opaque = rest;
    rest = '';
  }
  const hostname = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:[0-9]*$/, '');
  return new Map<string, GoValue>([
    ['scheme', scheme],
    ['host', host],
    ['hostname', hostname],
    ['path', unescape(rest)],
    ['query', query],
    ['opaque', opaque],
    ['fragment', fragment],
    ['userinfo', userinfo],
  ]);
}

function urlJoin(parts: GoMap | null): string {
  const get = (key: string) => {
    const value = parts?.get(key);
    return value === undefined || value === null ? '' : strval(value);
  };
  const scheme = get('scheme');
  const host = get('host');
  const userinfo = get('userinfo');
  const opaque = get('opaque');
  let path = get('path');
  let out = scheme ? scheme + ':' : '';
  if (opaque) out += opaque;
  else {
    if (scheme || host || userinfo) {
      out += '//';
      if (userinfo) out += userinfo + '@';
      out += host;
    }
    if (path && !path.startsWith('/') && host) path = '/' + path;
    out += encodeURI(path).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  }
  if (get('query')) out += '?' + get('query');
  if (get('fragment')) out += '#' + encodeURI(get('fragment'));
  return out;
}

export const networkFunctions: Record<string, FunctionEntry> = {
  getHostByName: entry((args) => {
    stringArg(args, 0);
    return '';
  }, [1, 1]),
  urlParse: entry((args) => urlParse(stringArg(args, 0)), [1, 1]),
  urlJoin: entry((args) => urlJoin(mapArg(args, 0)), [1, 1]),
};
