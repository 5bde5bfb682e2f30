import type { Rule } from '../engine/rule';
import addInsteadOfCopy from './add-instead-of-copy';
import addRemoteUnverified from './add-remote-unverified';
import baseImageUnpinned from './base-image-unpinned';
import curlPipeShell from './curl-pipe-shell';
import installRecommends from './install-recommends';
import missingHealthcheck from './missing-healthcheck';
import missingUser from './missing-user';
import noRootUser from './no-root-user';
import noSudo from './no-sudo';
import pipefail from './pipefail';
import secretFileCopied from './secret-file-copied';
import secretInBuild from './secret-in-build';
import setuidBits from './setuid-bits';
import sshInContainer from './ssh-in-container';
import tlsVerifyDisabled from './tls-verify-disabled';
import unpinnedPackages from './unpinned-packages';
import untrustedRegistry from './untrusted-registry';
import unverifiedPackages from './unverified-packages';
import updateAlone from './update-alone';
import userNotNumeric from './user-not-numeric';
import weakDefaultCredential from './weak-default-credential';

/** The Dockerfile rules, one file each; keep this list sorted by file name. */
export const DOCKERFILE_RULES: Rule<'dockerfile'>[] = [
  addInsteadOfCopy,
  addRemoteUnverified,
  baseImageUnpinned,
  curlPipeShell,
  installRecommends,
  missingHealthcheck,
  missingUser,
  noRootUser,
  noSudo,
  pipefail,
  secretFileCopied,
  secretInBuild,
  setuidBits,
  sshInContainer,
  tlsVerifyDisabled,
  unpinnedPackages,
  untrustedRegistry,
  unverifiedPackages,
  updateAlone,
  userNotNumeric,
  weakDefaultCredential,
];
