import type { DotenvModel } from '../dotenv';
import { judgeSecret, type SecretSighting } from './index';

/** Every `NAME=value` line of a `.env` file that holds a secret or a weak default, at its value. */
export function dotenvSecrets(model: DotenvModel): SecretSighting[] {
  return model.entries.flatMap((entry) => {
    const verdict = judgeSecret(entry.name, entry.value);
    return verdict ? [{ span: entry.valueSpan, verdict, subject: entry.name }] : [];
  });
}
