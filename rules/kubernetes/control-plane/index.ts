import type { Rule } from '../../engine/rule';
import apiserverAdmissionDisabled from './apiserver-admission-disabled';
import apiserverAlwaysAdmit from './apiserver-always-admit';
import apiserverAlwaysPullImages from './apiserver-always-pull-images';
import apiserverAnonymousAuth from './apiserver-anonymous-auth';
import apiserverAuditLog from './apiserver-audit-log';
import apiserverAuditLogRetention from './apiserver-audit-log-retention';
import apiserverAuditPolicy from './apiserver-audit-policy';
import apiserverAuthorizationAlwaysAllow from './apiserver-authorization-always-allow';
import apiserverAuthorizationMode from './apiserver-authorization-mode';
import apiserverDenyExternalIps from './apiserver-deny-external-ips';
import apiserverEncryptionAtRest from './apiserver-encryption-at-rest';
import apiserverEtcdTls from './apiserver-etcd-tls';
import apiserverEventRateLimit from './apiserver-event-rate-limit';
import apiserverLegacyInsecureFlags from './apiserver-legacy-insecure-flags';
import apiserverNodeRestriction from './apiserver-node-restriction';
import apiserverServiceAccountKeyFile from './apiserver-service-account-key-file';
import apiserverServiceAccountLookup from './apiserver-service-account-lookup';
import apiserverTls from './apiserver-tls';
import apiserverTokenAuthFile from './apiserver-token-auth-file';
import auditPolicySecrets from './audit-policy-secrets';
import controlPlaneBindAddress from './control-plane-bind-address';
import controlPlaneProfiling from './control-plane-profiling';
import controllerManagerRootCa from './controller-manager-root-ca';
import controllerManagerRotateKubeletServerCert from './controller-manager-rotate-kubelet-server-cert';
import controllerManagerServiceAccountCredentials from './controller-manager-service-account-credentials';
import controllerManagerServiceAccountPrivateKey from './controller-manager-service-account-private-key';
import encryptionConfigProvider from './encryption-config-provider';
import etcdAutoTls from './etcd-auto-tls';
import etcdClientCertAuth from './etcd-client-cert-auth';
import etcdClientTls from './etcd-client-tls';
import etcdPeerClientCertAuth from './etcd-peer-client-cert-auth';
import etcdPeerTls from './etcd-peer-tls';
import etcdUniqueCa from './etcd-unique-ca';
import kubeProxyMetricsBind from './kube-proxy-metrics-bind';
import kubeletAnonymousAuth from './kubelet-anonymous-auth';
import kubeletAuthorizationMode from './kubelet-authorization-mode';
import kubeletClientCa from './kubelet-client-ca';
import kubeletClientCertRotation from './kubelet-client-cert-rotation';
import kubeletIptablesUtilChains from './kubelet-iptables-util-chains';
import kubeletPodPidsLimit from './kubelet-pod-pids-limit';
import kubeletProtectKernelDefaults from './kubelet-protect-kernel-defaults';
import kubeletReadOnlyPort from './kubelet-read-only-port';
import kubeletSeccompDefault from './kubelet-seccomp-default';
import kubeletServingCertificate from './kubelet-serving-certificate';
import kubeletStreamingIdleTimeout from './kubelet-streaming-idle-timeout';
import kubeletUnsafeSysctls from './kubelet-unsafe-sysctls';
import tlsCipherSuites from './tls-cipher-suites';

/** The Kubernetes control-plane rules, one file each; keep this list sorted by file name. */
export const KUBERNETES_CONTROL_PLANE_RULES: Rule<'kubernetes'>[] = [
  apiserverAdmissionDisabled,
  apiserverAlwaysAdmit,
  apiserverAlwaysPullImages,
  apiserverAnonymousAuth,
  apiserverAuditLog,
  apiserverAuditLogRetention,
  apiserverAuditPolicy,
  apiserverAuthorizationAlwaysAllow,
  apiserverAuthorizationMode,
  apiserverDenyExternalIps,
  apiserverEncryptionAtRest,
  apiserverEtcdTls,
  apiserverEventRateLimit,
  apiserverLegacyInsecureFlags,
  apiserverNodeRestriction,
  apiserverServiceAccountKeyFile,
  apiserverServiceAccountLookup,
  apiserverTls,
  apiserverTokenAuthFile,
  auditPolicySecrets,
  controlPlaneBindAddress,
  controlPlaneProfiling,
  controllerManagerRootCa,
  controllerManagerRotateKubeletServerCert,
  controllerManagerServiceAccountCredentials,
  controllerManagerServiceAccountPrivateKey,
  encryptionConfigProvider,
  etcdAutoTls,
  etcdClientCertAuth,
  etcdClientTls,
  etcdPeerClientCertAuth,
  etcdPeerTls,
  etcdUniqueCa,
  kubeProxyMetricsBind,
  kubeletAnonymousAuth,
  kubeletAuthorizationMode,
  kubeletClientCa,
  kubeletClientCertRotation,
  kubeletIptablesUtilChains,
  kubeletPodPidsLimit,
  kubeletProtectKernelDefaults,
  kubeletReadOnlyPort,
  kubeletSeccompDefault,
  kubeletServingCertificate,
  kubeletStreamingIdleTimeout,
  kubeletUnsafeSysctls,
  tlsCipherSuites,
];
