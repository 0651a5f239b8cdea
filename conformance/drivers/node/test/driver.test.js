// The official Node.js Snowflake driver (snowflake-sdk) against Frostgate's
// Snowflake protocol, no mocks: a fresh server from ../sfserver (go run),
// the driver pointed at it with accessUrl http://127.0.0.1:PORT.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const snowflake = require('snowflake-sdk');

snowflake.configure({ logLevel: 'OFF' });

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
let server;
let baseUrl;

// Starts the Go helper and waits for its "listening URL" line; the first
// run compiles it, hence the generous timeout.
before(async () => {
  server = spawn('go', ['run', './conformance/drivers/node/sfserver'], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sfserver did not start in time')), 180_000);
    server.on('exit', (code) => reject(new Error(`sfserver exited with ${code}`)));
    readline.createInterface({ input: server.stdout }).on('line', (line) => {
      const m = /^listening (http:\/\/\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const admin = await connect({ username: 'ADMIN', password: 'admin', role: 'ACCOUNTADMIN' });
  for (const sql of [
    'CREATE ROLE ANALYST',
    "CREATE USER ALICE PASSWORD='alice-pw' DEFAULT_ROLE=PUBLIC",
    'GRANT ROLE ANALYST TO USER ALICE',
    'CREATE DATABASE SALES',
    'CREATE SCHEMA SALES.S',
    'CREATE TABLE SALES.S.ORDERS (ID INT)',
    'CREATE DATABASE HR',
    'CREATE TABLE HR.PUBLIC.SALARIES (ID INT)',
    'GRANT USAGE ON DATABASE SALES TO ROLE ANALYST',
    'GRANT USAGE ON SCHEMA SALES.S TO ROLE ANALYST',
    'GRANT SELECT ON TABLE SALES.S.ORDERS TO ROLE ANALYST',
  ]) {
    await execute(admin, sql);
  }
  await destroy(admin);
});

after(() => {
  if (server) {
    server.stdin.end(); // sfserver stops when its stdin closes
  }
});

function connect(options) {
  const conn = snowflake.createConnection({
    account: 'FROSTGATE',
    accessUrl: baseUrl,
    timeout: 10_000,
    ...options,
  });
  return new Promise((resolve, reject) => {
    conn.connect((err, c) => (err ? reject(err) : resolve(c)));
  });
}

function execute(conn, sqlText) {
  return new Promise((resolve, reject) => {
    conn.execute({
      sqlText,
      rowMode: 'array',
      complete: (err, stmt, rows) => (err ? reject(err) : resolve({ stmt, rows })),
    });
  });
}

function destroy(conn) {
  return new Promise((resolve, reject) => conn.destroy((err) => (err ? reject(err) : resolve())));
}

async function post(urlPath, body, headers = {}) {
  const res = await fetch(baseUrl + urlPath, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

// A driver value as the helper renders in-process values: timestamps as
// Unix milliseconds.
function plain(v) {
  if (v instanceof Date) {
    return v.getTime();
  }
  return v;
}

test('switches roles, is refused, and sees the same SHOW GRANTS rows as in-process', async () => {
  const conn = await connect({ username: 'alice', password: 'alice-pw', role: 'PUBLIC' });
  try {
    let { rows } = await execute(conn, 'SELECT CURRENT_ROLE()');
    assert.deepEqual(rows, [['PUBLIC']]);

    const use = await execute(conn, 'USE ROLE ANALYST');
    // The driver's session state comes from the reply's final* fields.
    assert.equal(use.stmt.getSessionState().getCurrentRole(), 'ANALYST');
    assert.match(use.stmt.getQueryId(), /^[0-9a-f-]{36}$/);
    ({ rows } = await execute(conn, 'SELECT CURRENT_ROLE(), IS_ROLE_IN_SESSION(\'ANALYST\')'));
    assert.deepEqual(rows, [['ANALYST', true]]);

    await assert.rejects(execute(conn, 'USE ROLE ACCOUNTADMIN'), (err) => {
      assert.equal(err.code, '003013');
      assert.equal(err.sqlState, '42501');
      assert.match(err.message, /Requested role 'ACCOUNTADMIN' is not assigned/);
      return true;
    });
    await assert.rejects(execute(conn, 'SHOW GRANTS ON TABLE HR.PUBLIC.SALARIES'), (err) => {
      assert.equal(err.code, '002003');
      assert.equal(err.sqlState, '02000');
      return true;
    });

    for (const sql of [
      'SHOW GRANTS ON TABLE SALES.S.ORDERS',
      'SHOW GRANTS TO ROLE ANALYST',
      'SHOW GRANTS TO USER ALICE',
    ]) {
      const got = await execute(conn, sql);
      const want = await post('/test/inproc', { user: 'ALICE', password: 'alice-pw', role: 'ANALYST', sql });
      assert.deepEqual(
        got.stmt.getColumns().map((c) => c.getName()),
        want.columns,
        sql,
      );
      assert.ok(got.rows.length > 0, sql);
      assert.deepEqual(
        got.rows.map((r) => r.map(plain)),
        want.rows,
        sql,
      );
    }
  } finally {
    await destroy(conn);
  }
});

test('login errors carry Snowflake codes', async () => {
  await assert.rejects(connect({ username: 'ALICE', password: 'wrong' }), (err) => {
    assert.equal(err.code, '390100');
    return true;
  });
  await assert.rejects(connect({ username: 'ALICE', password: 'alice-pw', role: 'ACCOUNTADMIN' }), (err) => {
    assert.equal(err.code, '390189');
    return true;
  });
});

// Seed 000's per-user OAuth flow: the administrator issues ALICE a token
// scoped to ANALYST; her tool connects with it.
test('OAuth access token issued by Frostgate', async () => {
  const basic = 'Basic ' + Buffer.from('ADMIN:admin').toString('base64');
  const tok = await post('/frostgate/v1/oauth-token', { user: 'ALICE', role: 'ANALYST' }, { Authorization: basic });
  assert.equal(tok.scope, 'session:role:ANALYST');
  const conn = await connect({ authenticator: 'OAUTH', token: tok.access_token, username: 'ALICE' });
  try {
    const { rows } = await execute(conn, 'SELECT CURRENT_ROLE()');
    assert.deepEqual(rows, [['ANALYST']]);
  } finally {
    await destroy(conn);
  }
});
