// Whether a process is still running, for files that name their owner's pid (a build's lock, a build
// cache's staging folder): a dead owner's file is a leftover of a killed build, to take over or remove.

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
