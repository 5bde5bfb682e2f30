import rule from '../../../rules/dockerfile/unverified-packages';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM fedora:41\nRUN dnf install -y httpd && rpm --import https://example.com/key.asc\n' },
    { name: 'the words as arguments of other commands', code: 'FROM debian:12\nRUN apt-get install python3 | grep "--allow-unauthenticated"\nRUN apt-get update &&\\\n    echo "--force-yes"\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/pkg.apk\n',
      errors: [{ line: 2, column: 13, endColumn: 30, message: 'apk --allow-untrusted installs packages without checking their signatures, so a mirror or network attacker can substitute them.' }],
      output: 'FROM alpine:3.20\nRUN apk add /tmp/pkg.apk\n',
    },
    {
      name: 'options anywhere in the command, across continuations',
      code: 'FROM fedora:41\nRUN dnf \\\n    install -y python3 \\\n    --nogpgcheck\nRUN apt-get install -y -o APT::Get::AllowUnauthenticated=true --force-yes curl\n',
      errors: [{ line: 4, column: 5 }, { line: 5, column: 24, message: /apt-get -o APT::Get::AllowUnauthenticated=true/ }, { line: 5, column: 63 }],
      output: 'FROM fedora:41\nRUN dnf \\\n    install -y python3\nRUN apt-get install -y curl\n',
    },
    {
      name: 'CRLF line endings: a flag alone on the last continuation line takes the backslash with it',
      code: 'FROM fedora:41\r\nRUN yum install -y python3 \\\r\n    --nogpgcheck\r\nCMD ["python3"]\r\n',
      errors: [{ line: 3, column: 5, endColumn: 17 }],
      output: 'FROM fedora:41\r\nRUN yum install -y python3\r\nCMD ["python3"]\r\n',
    },
    {
      name: 'gpgcheck=0 written into a repository file has no fix',
      code: 'FROM centos:7\nRUN echo "gpgcheck=0" >> /etc/yum.repos.d/extra.repo\n',
      errors: [{ line: 2, column: 10, message: 'echo writes gpgcheck=0 into a repository configuration, so packages from it are installed without signature checks.' }],
      output: null,
    },
  ],
});
