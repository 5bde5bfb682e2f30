import rule from '../../../rules/dockerfile/base-image-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM node:20.18-alpine3.20\n' },
    { name: 'stage aliases, scratch and digests are pinned enough', code: 'FROM alpine:3 AS base\nFROM base AS test\nFROM scratch\nFROM nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a\n' },
    { name: 'an ARG default with a tag resolves', code: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\n' },
    { name: 'an ARG without default is unknown, not flagged', code: 'ARG BASE\nFROM $BASE\n' },
  ],
  invalid: [
    {
      code: 'FROM ubuntu\n',
      errors: [{ line: 1, column: 6, endColumn: 12, message: 'The base image "ubuntu" has no tag, so it means "latest" and every build may pull a different image.' }],
    },
    {
      name: 'a registry port is not a tag; latest is flagged; aliases are case-insensitive',
      code: 'FROM registry:5000/team/app AS Build\n# final\nFROM --platform=linux/amd64 python:latest\nFROM build\n',
      errors: [
        { line: 1, column: 6, endColumn: 28, message: /"registry:5000\/team\/app" has no tag/ },
        { line: 3, column: 29, message: 'The base image "python:latest" uses the "latest" tag, so every build may pull a different image.' },
      ],
    },
    {
      name: 'requireDigest: a tag alone is not enough',
      code: 'FROM node:20.18-alpine3.20\nFROM node:20@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a\n',
      options: { requireDigest: true },
      errors: [{ line: 1, column: 6, message: 'The base image "node:20.18-alpine3.20" is pinned by tag only, and a tag can be moved to a different image; pin a digest too.' }],
    },
  ],
});
