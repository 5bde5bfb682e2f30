import { entry, stringArg } from './arguments';
import type { FunctionEntry } from './types';

/**
 * Sprig's path functions: Go's `path` package (slash-separated, lexical). The os* forms use `path/filepath`, which on
 * Linux (where Helm's goldens come from) is the same.
 */

/** path.Clean: the shortest equivalent path by lexical processing. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** path.Base: the last element; "." for empty, "/" for only slashes. */
export function basePath(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** path.Dir: all but the last element, cleaned. */
export function dirPath(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf('/') + 1));
}

/** path.Ext: the suffix from the final dot of the last element. */
export function extPath(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) if (path[i] === '.') return path.slice(i);
  return '';
}

const pathFunctions: [string, (path: string) => string | boolean][] = [
  ['base', basePath],
  ['dir', dirPath],
  ['clean', cleanPath],
  ['ext', extPath],
  ['isAbs', (path) => path.startsWith('/')],
];

export const pathFunctionTable: Record<string, FunctionEntry> = Object.fromEntries(
  pathFunctions.flatMap(([name, fn]) => {
    const wrapped = entry((args) => fn(stringArg(args, 0)), [1, 1]);
    return [
      [name, wrapped],
      ['os' + name[0].toUpperCase() + name.slice(1), wrapped],
    ];
  }),
);
