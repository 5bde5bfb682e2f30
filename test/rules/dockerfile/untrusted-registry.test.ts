import rule from '../../../rules/dockerfile/untrusted-registry';
import { testRule } from '../../helpers/rule-tester';

const allowed = { allowedRegistries: ['docker.io', 'ghcr.io/acme', 'registry.internal:5000'] };

testRule(rule, {
  valid: [
    { name: 'Docker Hub is the default allow-list', code: 'FROM node:20\nFROM docker.io/library/python:3.12\nFROM index.docker.io/library/alpine:3.20\n' },
    { name: 'configured registries and namespaces', code: 'FROM ghcr.io/acme/base:1\nFROM registry.internal:5000/app:2\nFROM build\n', options: allowed },
    { name: 'stage aliases and scratch are not pulled', code: 'FROM node:20 AS build\nFROM build\nFROM scratch\n' },
  ],
  invalid: [
    {
      code: 'FROM quay.io/someone/tool:1.2\n',
      errors: [{ line: 1, column: 6, endColumn: 30, message: 'The base image "quay.io/someone/tool:1.2" comes from "quay.io", which is not in allowedRegistries, so its content is not vetted by your organisation.' }],
    },
    {
      name: 'a namespace entry does not allow the rest of the registry',
      code: 'FROM ghcr.io/acme/base:1 AS ok\n# someone else’s image\nFROM ghcr.io/evil/base:1\nFROM node:20\n',
      options: { allowedRegistries: ['ghcr.io/acme'] },
      errors: [{ line: 3, column: 6 }, { line: 4, column: 6, message: /from "docker.io"/ }],
    },
  ],
});
