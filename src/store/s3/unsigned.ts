/**
 * Marks a data request's payload as unsigned, so SigV4 does not hash every part a second time
 * (the SDK would otherwise SHA-256 each body just to sign it: ~20% of an upload's CPU). The
 * artifact's own SHA-256 in the manifest is what downloads are verified against.
 */
export function unsignedPayload<C extends { middlewareStack: { add: (...args: never[]) => unknown } }>(command: C): C {
  (command.middlewareStack as unknown as MiddlewareStack).add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return next(args);
    },
    { step: 'build', name: 'engineForgeUnsignedPayload' },
  );
  return command;
}

type Handler = (args: { request: unknown }) => Promise<unknown>;
interface MiddlewareStack {
  add(middleware: (next: Handler) => Handler, options: { step: 'build'; name: string }): void;
}
