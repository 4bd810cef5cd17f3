// One SQL statement for `faas db query`: read-only by default (a READ ONLY transaction that is
// always rolled back), or writing when asked (committed). Either way exactly one statement: the
// extended protocol refuses "COMMIT; DELETE …", which could otherwise end the read-only guard.

import type pg from 'pg';
import { errorCode, statementFailure } from './connect.js';

export interface QueryField {
  name: string;
  /** PostgreSQL type OID (25 text, 23 int4, 3802 jsonb, 1184 timestamptz, 2950 uuid…). */
  dataTypeID: number;
}

export interface QueryOutput {
  /** The command tag's verb: SELECT, INSERT, UPDATE… */
  command: string;
  /** Rows returned or affected; null for commands that report none. */
  rowCount: number | null;
  fields: QueryField[];
  /** Values as pg parses them: jsonb → objects, timestamptz → Date, int8/numeric → strings. */
  rows: Record<string, unknown>[];
}

/** pg's QueryConfig as it is at run time: `queryMode` is honoured but missing from @types/pg. */
type ExtendedQuery = pg.QueryConfig & { queryMode: 'extended' };

export function queryReadOnly(client: pg.ClientBase, sql: string): Promise<QueryOutput> {
  return runInTransaction(client, sql, 'BEGIN TRANSACTION READ ONLY', 'ROLLBACK');
}

export function queryWrite(client: pg.ClientBase, sql: string): Promise<QueryOutput> {
  return runInTransaction(client, sql, 'BEGIN', 'COMMIT');
}

async function runInTransaction(
  client: pg.ClientBase,
  sql: string,
  begin: string,
  end: 'ROLLBACK' | 'COMMIT',
): Promise<QueryOutput> {
  let result: pg.QueryResult;
  try {
    await client.query(begin);
    const statement: ExtendedQuery = { text: sql, queryMode: 'extended' };
    result = await client.query(statement);
    await client.query(end);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw failure(client, error, end === 'ROLLBACK');
  }
  return {
    command: result.command,
    rowCount: result.rowCount,
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: result.rows as Record<string, unknown>[],
  };
}

function failure(client: pg.ClientBase, error: unknown, readOnly: boolean) {
  const code = errorCode(error);
  if (readOnly && code === '25006') {
    return statementFailure(
      client,
      error,
      'ReadOnlyQuery',
      'The statement writes, and the query ran read-only',
      'Add --write to run statements that change data.',
    );
  }
  if (code === '42601' && /multiple commands/.test(String((error as Error).message))) {
    return statementFailure(client, error, 'QueryFailed', 'Run one statement at a time');
  }
  return statementFailure(client, error, 'QueryFailed', 'The query failed');
}
