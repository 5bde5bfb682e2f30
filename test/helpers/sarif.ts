import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { SHARED_DIR } from './shared';

/** Validates a SARIF log against the official 2.1.0 schema in ../shared; returns the errors (empty: valid). */
export function sarifSchemaErrors(sarif: unknown): unknown[] {
  // The official schema is draft-04; ajv speaks draft-07, which differs here only in the id keyword.
  const schema = JSON.parse(readFileSync(join(SHARED_DIR, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile(schema);
  return validate(sarif) ? [] : (validate.errors ?? []);
}
