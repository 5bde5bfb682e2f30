/**
 * A V8 flag set while any hold on it lasts and set back when the last lets go. V8's flags are the process's (every
 * isolate, our worker threads' too, reads them), so overlapping holders — two scans, say — share one setting.
 * Returns the function that takes a hold: it sets `held` for the first holder through `setFlags`, and gives the
 * function that lets go (once; later calls do nothing), which sets `released` when no hold is left.
 */
export function sharedFlagHold(held: string, released: string): (setFlags: (flags: string) => void) => () => void {
  let holders = 0;
  return (setFlags) => {
    if (holders++ === 0) setFlags(held);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--holders === 0) setFlags(released);
    };
  };
}
