/**
 * `medir … | head -1`: once the reader has closed the pipe nobody is left to read the rest, so
 * medir stops at once with exit 0 and says nothing (as `cat` does under SIGPIPE), instead of
 * Node's unhandled EPIPE stack. Other stdout errors (a full disk) still surface.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
}
