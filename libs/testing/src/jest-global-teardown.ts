import type { TestInfrastructure } from './infrastructure';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __sagssporInfrastructure?: TestInfrastructure }).__sagssporInfrastructure?.stop();
}
