// Editor-latency stages (language server over stdio); filled in once the server exists.
export async function lspStages() {
  return [];
}
