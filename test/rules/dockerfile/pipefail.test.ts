import rule from '../../../rules/dockerfile/pipefail';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/a.tgz | tar -xz\n' },
    { name: 'set -o pipefail earlier in the same RUN', code: 'FROM debian:12\nRUN set -euxo pipefail; curl -fsSL https://example.com/a.tgz | tar -xz\n' },
    { name: 'PowerShell is not a POSIX shell; exec form runs no shell', code: 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-ChildItem | Select-Object Name\nFROM debian:12\nRUN ["/bin/bash", "./a", "|", "b"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://example.com/a.tgz | tar -xz -C /opt\n',
      errors: [{ line: 2, column: 5, endColumn: 59, message: 'This RUN pipes "curl" into "tar" without pipefail, so a failure on the left of the pipe does not fail the build.' }],
      output: 'FROM debian:12\nRUN set -o pipefail && curl -fsSL https://example.com/a.tgz | tar -xz -C /opt\n',
    },
    {
      name: 'SHELL without pipefail, flags before the script, continuation lines',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN --mount=type=cache,target=/root/.cache \\\n    pip download x \\\n    | grep y\n',
      errors: [{ line: 4, column: 5, endLine: 5 }],
      output: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN --mount=type=cache,target=/root/.cache \\\n    set -o pipefail && pip download x \\\n    | grep y\n',
    },
    {
      name: 'heredocs are checked but not rewritten',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\ncurl -fsSL https://example.com | tar -x\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: null,
    },
  ],
});
