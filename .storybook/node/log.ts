/** The relay's log (`server/log.ts`) in the page (Storybook only): the console, no pino. */
export const log = {
  info: () => {},
  error: (...args: unknown[]) => console.warn('relay', ...args),
  fatal: (...args: unknown[]) => console.warn('relay', ...args),
};

export function fault(where: string, error: unknown): void {
  console.warn(`relay: ${where} failed`, error);
}

export function guard(where: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    fault(where, error);
  }
}
