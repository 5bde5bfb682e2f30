import rule from '../../../rules/dockerfile/tls-verify-disabled';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nRUN curl -fsSL https://example.com -o /tmp/x && wget -q https://example.com\n' },
    { name: 'flags of other commands in the pipeline are not curl’s', code: 'FROM alpine:3.20\nRUN curl https://example.com | grep -k lol\nRUN curl https://example.com &&\\\n    grep /etc/passwd -k lol\n' },
    { name: 'verification switched on is fine', code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true\n' },
  ],
  invalid: [
    {
      name: 'curl -k inside a short-option cluster loses only the k',
      code: 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/install.sh -o /tmp/install.sh\n',
      errors: [{ line: 2, column: 10, endColumn: 16, message: 'curl -fsSLk disables TLS certificate verification, so anyone on the network path can replace the download.' }],
      output: 'FROM alpine:3.20\nRUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh\n',
    },
    {
      name: 'long options on continuation lines',
      code: 'FROM alpine:3.20\nRUN curl \\\n    --insecure \\\n    https://example.com \\\n && wget --no-check-certificate https://example.com/b\n',
      errors: [{ line: 3, column: 5 }, { line: 5, column: 10 }],
      output: 'FROM alpine:3.20\nRUN curl \\\n    https://example.com \\\n && wget https://example.com/b\n',
    },
    {
      name: 'ENV and ARG: the only name removes the instruction, one of several removes the name',
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nENV LOL=1 \\\n    GIT_SSL_NO_VERIFY=1\nARG npm_config_strict_ssl=false\nRUN npm ci\n',
      errors: [{ line: 2, column: 5, message: 'ENV NODE_TLS_REJECT_UNAUTHORIZED disables TLS certificate verification for Node.js, so downloads can be tampered with in transit.' }, { line: 4, column: 5 }, { line: 5, column: 5 }],
      output: 'FROM node:20\nENV LOL=1\nRUN npm ci\n',
    },
    {
      name: 'inline and exported variables, pip, git and dnf options',
      code: 'FROM python:3.12\nRUN PIP_TRUSTED_HOST=pypi.org pip install flask==3.0.3\nRUN export GIT_SSL_NO_VERIFY=1 && git -c http.sslVerify=false clone https://example.com/r.git\nRUN pip install --trusted-host pypi.org httpx==0.27.2 && dnf --setopt=sslverify=false install -y git\n',
      errors: [{ line: 2, column: 5 }, { line: 3, column: 12 }, { line: 3, column: 42 }, { line: 4, column: 17 }, { line: 4, column: 62 }],
      output: 'FROM python:3.12\nRUN pip install flask==3.0.3\nRUN export GIT_SSL_NO_VERIFY=1 && git clone https://example.com/r.git\nRUN pip install httpx==0.27.2 && dnf install -y git\n',
    },
  ],
});
