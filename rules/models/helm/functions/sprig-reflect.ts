import { entry, stringArg } from './arguments';
import { goTypeName } from './go-fmt';
import { deepEqual, goKind } from './go-values';
import type { FunctionEntry } from './types';

/**
 * Sprig's reflect.go: typeOf is `%T`, kindOf reflect.Kind's name. Types follow the value model: every integer is
 * `int`, every float `float64`, lists `[]interface {}`, maps `map[string]interface {}`.
 */
export const reflectFunctions: Record<string, FunctionEntry> = {
  typeOf: entry((args) => goTypeName(args[0]), [1, 1]),
  typeIs: entry((args) => stringArg(args, 0) === goTypeName(args[1]), [2, 2]),
  typeIsLike: entry((args) => {
    const target = stringArg(args, 0);
    const type = goTypeName(args[1]);
    return target === type || '*' + target === type;
  }, [2, 2]),
  kindOf: entry((args) => goKind(args[0]), [1, 1]),
  kindIs: entry((args) => stringArg(args, 0) === goKind(args[1]), [2, 2]),
  deepEqual: entry((args) => deepEqual(args[0], args[1]), [2, 2]),
};
