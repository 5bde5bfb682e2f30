import rule from '../../../../rules/kubernetes/workloads/windows-host-process';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  securityContext: {windowsOptions: {hostProcess: false, runAsUserName: "ContainerUser"}}\n  containers: [{name: w, image: "w:1"}]\n' }],
  invalid: [
    {
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: csi-proxy
        spec:
          template:
            spec:
              os: {name: windows}
              hostNetwork: true
              containers:
                - name: csi-proxy
                  image: csi-proxy:1.1
                  securityContext:
                    windowsOptions:
                      hostProcess: true
                      runAsUserName: 'NT AUTHORITY\\SYSTEM'
      `,
      errors: [{ line: 15, column: 28, message: 'The container "csi-proxy" runs as a Windows HostProcess container, with the node\'s network, files and accounts.' }],
    },
  ],
});
