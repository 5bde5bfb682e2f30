import rule from '../../../rules/dockerfile/unpinned-packages';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10 -t bookworm-backports\n' },
    { name: 'requirement files, projects and bare npm installs are exempt', code: 'FROM python:3.12\nRUN pip install -r requirements.txt . ./wheels/app-1.0-py3-none-any.whl && npm ci && npm install\n' },
    { name: 'each manager’s version syntax', code: 'FROM alpine:3.20\nRUN apk add --virtual .deps curl=8.9.1-r0 && pip install "flask>=3,<4" && npm i -g pnpm@9.12.0 @scope/x@1 && gem install rails -v 7.2.1 && dnf install -y httpd-2.4.62 && zypper in curl=8.6 && go install golang.org/x/tools/gopls@v0.16.2\n' },
    { name: 'variables are unknown, not unpinned', code: 'FROM debian:12\nRUN apt-get install -y $PACKAGES "${EXTRA}"\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests flask==3.0.3\n',
      errors: [{ line: 2, column: 32, endColumn: 40, message: '"requests" is installed with pip without a version, so each build may install different code.' }],
    },
    {
      name: 'continuations, comments, sudo, python -m pip and go @latest',
      code: 'FROM debian:12\nRUN apt-get update \\\n # tools\n && sudo apt-get install -y -o Dpkg::Options::=--force-confnew \\\n      curl \\\n && python3 -m pip install httpx \\\n && go install example.com/tool@latest\n',
      errors: [{ line: 5, column: 7 }, { line: 6, column: 28 }, { line: 7, column: 16, message: /"example.com\/tool@latest" is installed with go/ }],
    },
    {
      name: 'apk, gem, yum and npm',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache bash; gem install bundler; yum install -y git; npm install -g typescript\n',
      errors: [{ line: 2, column: 24 }, { line: 2, column: 42 }, { line: 2, column: 66 }, { line: 2, column: 86 }],
    },
  ],
});
