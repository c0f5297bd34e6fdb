/**
 * Starts a throwaway PostgreSQL cluster for the test run and stops it after
 * (`scripts/postgres-cluster.mjs`). `HEARD_TEST_POSTGRES_URL` points the tests at an existing
 * server instead.
 */
import type { TestProject } from 'vitest/node';
import { startCluster } from '../scripts/postgres-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.HEARD_TEST_POSTGRES_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
