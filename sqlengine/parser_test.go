package sqlengine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// valids must parse, and their String() must parse back to an equal node.
var valids = []string{
	// roles
	`CREATE ROLE analyst`,
	`create or replace role "My Role" comment = 'it''s mine'`,
	`CREATE ROLE IF NOT EXISTS usage;`,
	`CREATE ROLE data COMMENT = $$multi
line$$`,
	`create role identifier('"quoted"')`,
	`ALTER ROLE analyst RENAME TO analyst2`,
	`ALTER ROLE IF EXISTS r SET COMMENT = 'x'`,
	`alter role r unset comment`,
	`ALTER ROLE r SET TAG t = 'v'`,
	`DROP ROLE r`,
	`DROP ROLE IF EXISTS "r"`,
	`CREATE DATABASE ROLE d.r`,
	`CREATE OR REPLACE DATABASE ROLE r COMMENT = 'c'`,
	`CREATE DATABASE ROLE IF NOT EXISTS d.r`,
	`ALTER DATABASE ROLE d.r RENAME TO d.r2`,
	`ALTER DATABASE ROLE IF EXISTS d.r SET COMMENT = 'x'`,
	`ALTER DATABASE ROLE d.r UNSET COMMENT`,
	`DROP DATABASE ROLE IF EXISTS d.r`,
	`DROP DATABASE role`,
	// application packages
	`CREATE APPLICATION PACKAGE p`,
	`create application package if not exists "My Pkg"`,
	`ALTER APPLICATION PACKAGE p ADD VERSION v1 USING 'fixtures/apps/sample_app'`,
	`alter application package p add version "v 2" using '/abs/it''s here'`,
	`CREATE APPLICATION a FROM APPLICATION PACKAGE p USING VERSION v1`,
	`create application "My App" from application package "My Pkg" using version "v 2"`,
	`CREATE APPLICATION a FROM APPLICATION PACKAGE p USING VERSION v1 COMMENT = 'c'`,
	`CREATE APPLICATION PACKAGE p COMMENT = 'GENERATED_BY_SNOWFLAKECLI' DISTRIBUTION = internal`,
	`SHOW APPLICATION PACKAGES LIKE 'P%'`,
	`DROP APPLICATION PACKAGE IF EXISTS p`,
	`SHOW VERSIONS IN APPLICATION PACKAGE p`,
	`SHOW VERSIONS LIKE 'V%' IN APPLICATION PACKAGE p`,
	`ALTER APPLICATION PACKAGE p ADD VERSION v2 USING 'x' LABEL = 'Version 2'`,
	`ALTER APPLICATION PACKAGE p ADD PATCH FOR VERSION v1 USING 'x'`,
	`alter application package p add patch 3 for version v1 using 'x' label='l'`,
	`ALTER APPLICATION PACKAGE p DROP VERSION v1`,
	`CREATE APPLICATION a FROM APPLICATION PACKAGE p USING VERSION v1 PATCH 2`,
	`create application a from application package p using 'fixtures/apps/sample_app' debug_mode = True comment = 'c'`,
	`ALTER APPLICATION a UPGRADE USING VERSION v2 PATCH 1`,
	`ALTER APPLICATION a UPGRADE USING 'fixtures/apps/sample_app'`,
	`alter application a set debug_mode = False`,
	`ALTER APPLICATION a SET COMMENT = 'c' DEBUG_MODE = TRUE`,
	`ALTER APPLICATION a UNSET COMMENT, DEBUG_MODE`,
	`GRANT INSTALL, DEVELOP ON APPLICATION PACKAGE p TO ROLE r`,
	`SHOW GRANTS ON APPLICATION PACKAGE p`,
	`SHOW PRIVILEGES IN APPLICATION a`,
	`SHOW OBJECTS OWNED BY APPLICATION a`,
	`SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION a`,
	`DROP APPLICATION ROLE IF EXISTS app_old`,
	`DESCRIBE APPLICATION PACKAGE p`,
	// installed applications and their roles
	`CREATE APPLICATION ROLE app_public`,
	`CREATE OR REPLACE APPLICATION ROLE r COMMENT = 'admins'`,
	`create application role if not exists "App Role"`,
	`CREATE OR ALTER VERSIONED SCHEMA config`,
	`CREATE VERSIONED SCHEMA IF NOT EXISTS core`,
	`GRANT APPLICATION ROLE app.r TO ROLE x`,
	`GRANT APPLICATION ROLE r TO APPLICATION ROLE r2`,
	`GRANT APPLICATION ROLE app.r TO USER u`,
	`REVOKE APPLICATION ROLE app.r FROM ROLE x`,
	`REVOKE APPLICATION ROLE r FROM APPLICATION ROLE r2 CASCADE`,
	`DROP APPLICATION a`,
	`DROP APPLICATION IF EXISTS a CASCADE`,
	`SHOW APPLICATIONS`,
	`SHOW APPLICATIONS LIKE 'app%'`,
	`SHOW APPLICATION ROLES IN APPLICATION a`,
	`SHOW SCHEMAS IN APPLICATION a`,
	`GRANT CREATE DATABASE ON ACCOUNT TO APPLICATION a`,
	`SHOW GRANTS TO APPLICATION a`,
	`SHOW REFERENCES IN APPLICATION a`,
	`DESCRIBE APPLICATION a`,
	`ALTER APPLICATION a UNSET REFERENCES`,
	`ALTER APPLICATION a UNSET REFERENCES ('consumer_table')`,
	`alter application "My App" unset references ('t', 'REF_1')`,
	`ALTER APPLICATION a UPGRADE USING VERSION v2`,
	`GRANT ROLE a TO ROLE b`,
	`GRANT ROLE a TO USER u WITH GRANT OPTION`,
	`GRANT DATABASE ROLE d.r TO DATABASE ROLE d.p`,
	`GRANT DATABASE ROLE d.r TO ROLE p WITH GRANT OPTION`,
	`GRANT DATABASE ROLE r TO USER u`,
	`REVOKE ROLE a FROM ROLE b`,
	`REVOKE GRANT OPTION FOR ROLE a FROM ROLE b CASCADE`,
	`REVOKE ROLE a FROM USER u RESTRICT`,
	`REVOKE DATABASE ROLE d.r FROM DATABASE ROLE d.p CASCADE`,
	`REVOKE DATABASE ROLE d.r FROM ROLE p`,
	// users
	`CREATE USER u`,
	`CREATE OR REPLACE USER u PASSWORD = 'p' LOGIN_NAME = 'U1' DISPLAY_NAME = 'U One'
	 FIRST_NAME = 'U' MIDDLE_NAME = 'M' LAST_NAME = 'One' EMAIL = 'u@example.com' MUST_CHANGE_PASSWORD = TRUE
	 DISABLED = false DAYS_TO_EXPIRY = 30 DEFAULT_WAREHOUSE = wh DEFAULT_NAMESPACE = db.sch DEFAULT_ROLE = "analyst"
	 DEFAULT_SECONDARY_ROLES = ('ALL') RSA_PUBLIC_KEY = 'MIIB' RSA_PUBLIC_KEY_2 = 'MIIC' TYPE = SERVICE COMMENT = 'c'`,
	`CREATE USER u DEFAULT_SECONDARY_ROLES = ()`,
	`CREATE USER u DAYS_TO_EXPIRY = -1.5 COMMENT = NULL`,
	`ALTER USER u SET PASSWORD = 'x' DISABLED = TRUE`,
	`ALTER USER IF EXISTS u UNSET DEFAULT_ROLE, COMMENT`,
	`ALTER USER u RENAME TO v`,
	`ALTER USER u RESET PASSWORD`,
	`ALTER USER u ABORT ALL QUERIES`,
	`DROP USER IF EXISTS u`,
	`DESCRIBE USER u`,
	`DESC USER "u"`,
	// databases, schemas, warehouses
	`CREATE DATABASE d`,
	`CREATE OR REPLACE TRANSIENT DATABASE d DATA_RETENTION_TIME_IN_DAYS = 0 COMMENT = 'x'`,
	`CREATE DATABASE IF NOT EXISTS d2 CLONE d`,
	`ALTER DATABASE d RENAME TO e`,
	`ALTER DATABASE IF EXISTS d SET COMMENT = 'c'`,
	`ALTER DATABASE d UNSET COMMENT`,
	`ALTER DATABASE d SWAP WITH e`,
	`DROP DATABASE d CASCADE`,
	`DROP DATABASE IF EXISTS d RESTRICT`,
	`CREATE SCHEMA s`,
	`CREATE OR REPLACE TRANSIENT SCHEMA d.s WITH MANAGED ACCESS COMMENT = 'x'`,
	`CREATE SCHEMA IF NOT EXISTS d.s CLONE d.t`,
	`ALTER SCHEMA d.s RENAME TO d.t`,
	`ALTER SCHEMA s ENABLE MANAGED ACCESS`,
	`ALTER SCHEMA IF EXISTS s DISABLE MANAGED ACCESS`,
	`ALTER SCHEMA s SET DATA_RETENTION_TIME_IN_DAYS = 1`,
	`ALTER SCHEMA s UNSET COMMENT`,
	`DROP SCHEMA IF EXISTS d.s CASCADE`,
	`UNDROP SCHEMA d.s`,
	`UNDROP DATABASE d`,
	`CREATE WAREHOUSE wh`,
	`CREATE OR REPLACE WAREHOUSE wh WITH WAREHOUSE_SIZE = XSMALL AUTO_SUSPEND = 60 AUTO_RESUME = TRUE INITIALLY_SUSPENDED = TRUE COMMENT = 'c'`,
	`CREATE WAREHOUSE IF NOT EXISTS wh WAREHOUSE_SIZE = 'X-SMALL'`,
	`ALTER WAREHOUSE wh SUSPEND`,
	`ALTER WAREHOUSE IF EXISTS wh RESUME IF SUSPENDED`,
	`ALTER WAREHOUSE RESUME`,
	`ALTER WAREHOUSE SUSPEND`,
	`ALTER WAREHOUSE wh SET WAREHOUSE_SIZE = 'SMALL', AUTO_SUSPEND = 120`,
	`ALTER WAREHOUSE wh UNSET COMMENT`,
	`ALTER WAREHOUSE wh RENAME TO wh2`,
	`ALTER WAREHOUSE wh ABORT ALL QUERIES`,
	`DROP WAREHOUSE IF EXISTS wh`,
	// tables and views
	`CREATE TABLE t (a NUMBER(38, 0), b VARCHAR(10) NOT NULL DEFAULT 'x', c DOUBLE PRECISION)`,
	`CREATE TRANSIENT TABLE IF NOT EXISTS d.s.t (id INT PRIMARY KEY, CONSTRAINT u UNIQUE (id)) COMMENT = 'c'`,
	`CREATE TEMPORARY TABLE t (a INT)`,
	`CREATE LOCAL TEMP TABLE t (a INT)`,
	`CREATE GLOBAL TEMPORARY TABLE t (a INT)`,
	`CREATE VOLATILE TABLE t (a INT)`,
	`CREATE TABLE t (a INT, PRIMARY KEY (a), FOREIGN KEY (a) REFERENCES u (b))`,
	`CREATE TABLE t (a INT COMMENT 'col', b OBJECT(x NUMBER, y VARCHAR)) CLUSTER BY (a) DATA_RETENTION_TIME_IN_DAYS = 1 COPY GRANTS`,
	`CREATE TABLE t AS SELECT 1 AS a`,
	`CREATE TABLE t (a, b) AS SELECT 1, 2`,
	`CREATE TABLE t AS WITH x AS (SELECT 1) SELECT * FROM x`,
	`CREATE TABLE t LIKE u`,
	`CREATE TABLE t CLONE d.s.u`,
	`CREATE TABLE data (usage INT, "from" TEXT)`,
	`CREATE VIEW v AS SELECT * FROM t`,
	`CREATE SECURE VIEW IF NOT EXISTS d.s.v (a COMMENT 'first', b) COPY GRANTS COMMENT = 'c' AS SELECT a, b FROM t`,
	`CREATE MATERIALIZED VIEW mv CLUSTER BY (a) AS SELECT a FROM t`,
	`CREATE SECURE MATERIALIZED VIEW mv AS (SELECT 1)`,
	`CREATE TEMPORARY VIEW v AS SELECT 1`,
	`ALTER TABLE t RENAME TO u`,
	`ALTER TABLE IF EXISTS d.s.t SET COMMENT = 'c'`,
	`ALTER TABLE t UNSET COMMENT`,
	`ALTER TABLE t ADD COLUMN c NUMBER`,
	`ALTER TABLE t SET TAG a.b.c = 'x'`,
	`ALTER VIEW v RENAME TO w`,
	`ALTER VIEW v SET SECURE`,
	`ALTER VIEW v SET COMMENT = 'c'`,
	`DROP TABLE t`,
	`DROP TABLE IF EXISTS d.s.t CASCADE`,
	`DROP VIEW v RESTRICT`,
	`DROP MATERIALIZED VIEW IF EXISTS mv`,
	`UNDROP TABLE d.s.t`,
	`UNDROP VIEW v`,
	`DESCRIBE TABLE d.s.t`,
	`DESC VIEW v`,
	// stages, sequences, functions, procedures
	`CREATE STAGE s`,
	`CREATE TEMPORARY STAGE IF NOT EXISTS d.s.st URL = 's3://bucket/path/' STORAGE_INTEGRATION = si
	 FILE_FORMAT = (TYPE = CSV, FIELD_DELIMITER = ',' SKIP_HEADER = 1) DIRECTORY = (ENABLE = TRUE) COMMENT = 'c'`,
	`CREATE STAGE s FILE_FORMAT = (FORMAT_NAME = 'd.s.ff') COPY_OPTIONS = (ON_ERROR = CONTINUE)`,
	`CREATE SEQUENCE seq`,
	`CREATE STREAMLIT s`,
	`GRANT REFERENCE_USAGE ON DATABASE d TO SHARE IN APPLICATION PACKAGE pkg`,
	`GRANT USAGE ON SCHEMA pkg.shared TO SHARE IN APPLICATION PACKAGE pkg`,
	`CREATE PROCEDURE IF NOT EXISTS core.get_coins() RETURNS VARIANT LANGUAGE PYTHON RUNTIME_VERSION = 3.9 EXTERNAL_ACCESS_INTEGRATIONS = (reference('eai'), other) SECRETS = ('k' = reference('s')) HANDLER = 'm.f'`,
	`CREATE OR REPLACE STREAMLIT core.ui FROM '/streamlit/' MAIN_FILE = 'ui.py'`,
	`CREATE STREAMLIT IF NOT EXISTS d.s."Dashboard" FROM 'src/ui' MAIN_FILE = 'v.py' QUERY_WAREHOUSE = wh TITLE = 'T' COMMENT = 'c'`,
	`CREATE STREAMLIT s ROOT_LOCATION = '@d.s.st/app' MAIN_FILE = 'a.py'`,
	`DROP STREAMLIT IF EXISTS d.s.ui`,
	`GRANT USAGE ON STREAMLIT core.ui TO APPLICATION ROLE app_public`,
	`SHOW STREAMLITS IN SCHEMA d.s`,
	`CREATE SEQUENCE IF NOT EXISTS d.s.seq WITH START WITH = 10 INCREMENT BY = 5 ORDER COMMENT = 'c'`,
	`CREATE SEQUENCE seq START 1 INCREMENT -1 NOORDER`,
	`CREATE FUNCTION f() RETURNS NUMBER AS '1'`,
	`CREATE OR REPLACE SECURE FUNCTION d.s.f(a NUMBER, b VARCHAR DEFAULT 'x')
	 RETURNS TABLE (c NUMBER) LANGUAGE SQL NOT NULL IMMUTABLE COMMENT = 'c' AS $$ SELECT a $$`,
	`CREATE FUNCTION f(x FLOAT) RETURNS FLOAT LANGUAGE PYTHON RUNTIME_VERSION = '3.11' HANDLER = 'h'
	 PACKAGES = ('numpy', 'pandas') CALLED ON NULL INPUT AS 'def h(x): return x'`,
	`CREATE FUNCTION f(s STRING) RETURNS STRING RETURNS NULL ON NULL INPUT STRICT VOLATILE MEMOIZABLE AS 'it''s $$'`,
	`CREATE FUNCTION f() RETURNS INT LANGUAGE JAVA HANDLER = 'A.b' TARGET_PATH = '@~/a.jar'`,
	`CREATE PROCEDURE p() RETURNS VARCHAR LANGUAGE JAVASCRIPT EXECUTE AS CALLER AS 'return 1'`,
	`CREATE OR REPLACE PROCEDURE d.s.p(a VARCHAR) COPY GRANTS RETURNS TABLE() LANGUAGE SQL EXECUTE AS OWNER AS $$
BEGIN
  RETURN 1;
END;
$$`,
	`CREATE PROCEDURE p() RETURNS INT EXECUTE AS RESTRICTED CALLER AS $$x$$`,
	`DROP STAGE IF EXISTS s`,
	`DROP SEQUENCE d.s.seq`,
	`DROP FUNCTION f(NUMBER, VARCHAR)`,
	`DROP FUNCTION IF EXISTS d.s.f()`,
	`DROP PROCEDURE p(VARCHAR(16777216))`,
	`DROP PROCEDURE p`,
	// grants
	`GRANT SELECT ON TABLE d.s.t TO ROLE r`,
	`GRANT SELECT, UPDATE ON config_data.configuration TO APPLICATION ROLE app_admin`,
	`GRANT SELECT ON t TO ROLE r`,
	`REVOKE SELECT ON d.s."My Table" FROM ROLE r`,
	`EXECUTE IMMEDIATE FROM './sql_lib/config.sql'`,
	`grant select, insert , update,delete on table t to r with grant option`,
	`GRANT ALL ON DATABASE d TO ROLE r`,
	`GRANT ALL PRIVILEGES ON SCHEMA d.s TO DATABASE ROLE d.r`,
	`GRANT CREATE TABLE, CREATE VIEW ON SCHEMA d.s TO ROLE r`,
	`GRANT APPLY MASKING POLICY ON ACCOUNT TO ROLE r`,
	`GRANT IMPORTED PRIVILEGES ON DATABASE snowflake TO ROLE r`,
	`GRANT CREATE DATABASE ROLE ON DATABASE d TO ROLE r`,
	`GRANT MONITOR USAGE, EXECUTE TASK ON ACCOUNT TO USER u`,
	`GRANT USAGE ON WAREHOUSE wh TO APPLICATION ROLE app.r`,
	`GRANT USAGE ON DATABASE d TO SHARE s`,
	`GRANT USAGE ON FILE FORMAT d.s.ff TO ROLE r`,
	`GRANT SELECT ON EXTERNAL TABLE d.s.et TO ROLE r`,
	`GRANT SELECT ON MATERIALIZED VIEW mv TO ROLE r`,
	`GRANT MONITOR ON RESOURCE MONITOR rm TO ROLE r`,
	`GRANT USAGE ON INTEGRATION i TO ROLE r`,
	`GRANT USAGE ON FUNCTION d.s.f(NUMBER, VARCHAR(10)) TO ROLE r`,
	`GRANT USAGE ON PROCEDURE p() TO ROLE r`,
	`GRANT OPERATE ON TASK t TO ROLE r`,
	`GRANT USAGE ON DATABASE role TO ROLE r`,
	`GRANT SELECT ON ALL TABLES IN SCHEMA d.s TO ROLE r`,
	`GRANT SELECT ON ALL TABLES IN DATABASE d TO ROLE r`,
	`GRANT USAGE ON FUTURE SCHEMAS IN DATABASE d TO ROLE r`,
	`GRANT SELECT ON FUTURE EXTERNAL TABLES IN SCHEMA d.s TO DATABASE ROLE d.r`,
	`GRANT USAGE ON FUTURE FILE FORMATS IN SCHEMA s TO ROLE r`,
	`GRANT SELECT ON TABLE t TO ROLE r COPY CURRENT GRANTS`,
	`GRANT SELECT, OWNERSHIP ON TABLE t TO ROLE r`,
	`GRANT OWNERSHIP ON TABLE t TO ROLE r`,
	`GRANT OWNERSHIP ON SCHEMA d.s TO ROLE r REVOKE CURRENT GRANTS`,
	`GRANT OWNERSHIP ON ALL TABLES IN SCHEMA d.s TO DATABASE ROLE d.r COPY CURRENT GRANTS`,
	`GRANT OWNERSHIP ON FUTURE VIEWS IN DATABASE d TO ROLE r`,
	`GRANT OWNERSHIP ON ROLE a TO ROLE b`,
	`GRANT OWNERSHIP ON DATABASE ROLE d.r TO ROLE b`,
	`GRANT OWNERSHIP ON TABLE t TO USER u`,
	`REVOKE SELECT ON TABLE t FROM ROLE r`,
	`REVOKE GRANT OPTION FOR OPERATE ON WAREHOUSE wh FROM r CASCADE`,
	`REVOKE ALL PRIVILEGES ON SCHEMA s FROM DATABASE ROLE d.r RESTRICT`,
	`REVOKE SELECT ON ALL TABLES IN SCHEMA d.s FROM ROLE r`,
	`REVOKE SELECT ON FUTURE TABLES IN DATABASE d FROM ROLE r`,
	`REVOKE OWNERSHIP ON TABLE t FROM ROLE r`,
	`REVOKE USAGE ON DATABASE d FROM USER u`,
	`REVOKE USAGE ON DATABASE d FROM APPLICATION ROLE app.r`,
	// show and describe
	`SHOW GRANTS`,
	`SHOW GRANTS LIMIT 5`,
	`SHOW GRANTS ON ACCOUNT`,
	`SHOW GRANTS ON TABLE d.s.t`,
	`SHOW GRANTS ON DATABASE ROLE d.r`,
	`SHOW GRANTS ON FUNCTION f(NUMBER)`,
	`SHOW GRANTS TO ROLE r`,
	`SHOW GRANTS TO DATABASE ROLE d.r`,
	`SHOW GRANTS TO USER u LIMIT 10`,
	`SHOW GRANTS TO APPLICATION ROLE app.r`,
	`SHOW GRANTS TO SHARE s`,
	`SHOW GRANTS OF ROLE r`,
	`SHOW GRANTS OF DATABASE ROLE d.r`,
	`SHOW GRANTS OF APPLICATION ROLE app.r`,
	`SHOW FUTURE GRANTS IN SCHEMA d.s`,
	`SHOW FUTURE GRANTS IN DATABASE d`,
	`SHOW FUTURE GRANTS TO ROLE r`,
	`SHOW FUTURE GRANTS TO DATABASE ROLE d.r LIMIT 3`,
	`SHOW ROLES`,
	`SHOW TERSE ROLES LIKE 'A%'`,
	`SHOW USERS LIKE '%' LIMIT 10 FROM 'B'`,
	`SHOW DATABASES HISTORY`,
	`SHOW SCHEMAS IN DATABASE d`,
	`SHOW SCHEMAS IN DATABASE`,
	`SHOW TABLES IN SCHEMA`,
	`SHOW TABLES IN SCHEMA LIMIT 3`,
	`SHOW TABLES IN DATABASE STARTS WITH 'A'`,
	`SHOW WAREHOUSES IN ACCOUNT`,
	`SHOW TABLES HISTORY LIKE 't%' IN SCHEMA d.s STARTS WITH 'T' LIMIT 1 FROM 'A'`,
	`SHOW VIEWS IN d.s`,
	`SHOW MATERIALIZED VIEWS IN d`,
	`SHOW DATABASE ROLES IN DATABASE d`,
	`SHOW STAGES`,
	`SHOW SEQUENCES`,
	`SHOW FUNCTIONS`,
	`SHOW PROCEDURES`,
	// session
	`USE ROLE r`,
	`use role "lower"`,
	`USE SECONDARY ROLES ALL`,
	`USE SECONDARY ROLES NONE`,
	`USE SECONDARY ROLES a, "NONE", c`,
	`USE d`,
	`USE DATABASE d`,
	`USE SCHEMA s`,
	`USE SCHEMA d.s`,
	`USE d.s`,
	`USE WAREHOUSE wh`,
	`ALTER SESSION SET TIMEZONE = 'UTC'`,
	`ALTER SESSION SET QUERY_TAG = 'a', ROWS_PER_RESULTSET = 10`,
	`ALTER SESSION UNSET QUERY_TAG, TIMEZONE`,
	`SET x = 1`,
	`SET (a, b) = (1, 'two')`,
	`SET v = CURRENT_ROLE() || '_x'`,
	// select without FROM
	`SELECT 1`,
	`select current_role()`,
	`SELECT CURRENT_ROLE(), CURRENT_SECONDARY_ROLES(), IS_ROLE_IN_SESSION('ANALYST') AS in_session`,
	`SELECT SYSTEM$TYPEOF(1), snowflake.core.f(1, 2) x`,
	`SELECT 1 + 2 * 3 - -4 / (5 % 2), 'a' || 'b', NOT TRUE AND FALSE OR NULL IS NULL`,
	`SELECT 1 = 1, 1 <> 2, 1 != 2, 1 < 2, 1 > 2, 1 <= 2, 1 >= 2`,
	`SELECT '1'::NUMBER(38, 0), CAST('1' AS INT), TRY_CAST('x' AS DATE), x::VARCHAR::INT`,
	`SELECT CASE WHEN 1 = 1 THEN 'a' WHEN 2 = 2 THEN 'b' ELSE 'c' END, CASE 1 WHEN 1 THEN 2 END`,
	`SELECT $x, $1, COUNT(*), COUNT(DISTINCT 1), "quoted col" AS "Alias"`,
	`SELECT 1.5e-3, .5, 1., NULL, TRUE, FALSE, 'it''s', 'a\nb\\c', $$raw$$`,
	`SELECT - - 1, +1, NOT NOT TRUE, 1 IS NOT NULL`,
	`SELECT current_date, replace('a', 'b', 'c')`,
	// data statements
	`SELECT * FROM t`,
	`SELECT a FROM t WHERE b = 1`,
	`SELECT 1 UNION SELECT 2`,
	`SELECT 1 WHERE TRUE`,
	`INSERT INTO t VALUES (1, 'a')`,
	`UPDATE t SET a = 1`,
	`DELETE FROM t`,
	`MERGE INTO t USING u ON t.a = u.a WHEN MATCHED THEN DELETE`,
	`TRUNCATE TABLE t`,
	`COPY INTO t FROM @s/path`,
	`CALL p(1)`,
	`CALL SYSTEM$TYPEOF(1)`,
	`CALL reference('consumer_proc')(11, 'hello world')`,
	`CALL REFERENCE('multi', 'alias''s')()`,
	`CALL reference(1)`,
	`DESCRIBE TABLE reference('the_table')`,
	`DESC VIEW Reference('v', 'a')`,
	`DESCRIBE TABLE reference`,
	`SELECT * FROM reference('consumer_table') AS T`,
	`INSERT INTO reference('data_export')(C1, C2) SELECT T.C1, T.C2 FROM reference('other_table') T`,
	`TRUNCATE TABLE reference('x')`,
	`WITH x AS (SELECT 1) SELECT * FROM x`,
	`EXPLAIN SELECT 1 FROM t`,
	`SELECT v:field[0]::string FROM t`,
	// unsupported
	`CREATE PIPE p AS COPY INTO t FROM @s`,
	`CREATE OR REPLACE NETWORK POLICY np ALLOWED_IP_LIST = ('1.2.3.4')`,
	`CREATE EXTERNAL TABLE et (a INT) LOCATION = @s`,
	`CREATE OR ALTER TABLE t (a INT)`,
	`CREATE TRANSIENT DYNAMIC TABLE t AS SELECT 1`,
	`ALTER ACCOUNT SET X = 1`,
	`ALTER STAGE s SET URL = 'x'`,
	`DROP PIPE p`,
	`DROP ROW ACCESS POLICY p`,
	`UNDROP DYNAMIC TABLE t`,
	`SHOW PARAMETERS`,
	`SHOW PIPES IN SCHEMA d.s`,
	`SHOW TERSE INTEGRATIONS`,
	`SHOW MASKING POLICIES`,
	`DESCRIBE WAREHOUSE wh`,
	`DESC DATABASE ROLE d.r`,
	`DESCRIBE RESULT 'x'`,
	`BEGIN`,
	`BEGIN TRANSACTION`,
	`COMMIT`,
	`ROLLBACK`,
	`START TRANSACTION`,
	`COMMENT ON TABLE t IS 'c'`,
	`UNSET x`,
	`EXECUTE IMMEDIATE $$SELECT 1$$`,
	`DROP APPLICATION PACKAGE p`,
	`DROP APPLICATION ROLE r`,
	`DESC APPLICATION PACKAGE p`,
	`DESCRIBE APPLICATION ROLE a.r`,
	`ALTER APPLICATION a SET DEBUG_MODE = TRUE`,
	`ALTER APPLICATION a UPGRADE`,
	`PUT file:///tmp/x @~`,
	// whitespace and comments around statements
	"  -- leading comment\nSELECT 1 ; ",
	"/* block */ SELECT 1 // trailing",
	"SELECT 1;",
}

func TestValidsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, src := range valids {
		t.Run(src, func(t *testing.T) {
			st, err := sqlengine.Parse(src)
			require.NoError(t, err)
			require.NotNil(t, st)
			text := st.String()
			again, err := sqlengine.Parse(text)
			require.NoError(t, err, "reparsing %q", text)
			require.Equal(t, st, again, "String() = %q", text)
			require.Equal(t, text, again.String())
		})
	}
}

// TestValidsCoverEveryNode checks that the round trip above exercises every
// statement type.
func TestValidsCoverEveryNode(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, src := range valids {
		st, err := sqlengine.Parse(src)
		require.NoError(t, err)
		seen[fmt.Sprintf("%T", st)] = true
	}
	for _, st := range []sqlengine.Statement{
		&sqlengine.CreateRole{}, &sqlengine.CreateDatabaseRole{}, &sqlengine.GrantRole{}, &sqlengine.RevokeRole{},
		&sqlengine.CreateUser{}, &sqlengine.CreateDatabase{}, &sqlengine.CreateSchema{}, &sqlengine.CreateWarehouse{},
		&sqlengine.CreateTable{}, &sqlengine.CreateView{}, &sqlengine.CreateStage{}, &sqlengine.CreateSequence{},
		&sqlengine.CreateFunction{}, &sqlengine.CreateProcedure{}, &sqlengine.Alter{}, &sqlengine.Drop{},
		&sqlengine.Undrop{}, &sqlengine.Describe{}, &sqlengine.GrantPrivileges{}, &sqlengine.GrantOwnership{},
		&sqlengine.RevokePrivileges{}, &sqlengine.ShowGrants{}, &sqlengine.ShowFutureGrants{}, &sqlengine.ShowObjects{},
		&sqlengine.Use{}, &sqlengine.UseSecondaryRoles{}, &sqlengine.AlterSession{}, &sqlengine.SetVariable{},
		&sqlengine.Select{}, &sqlengine.DataStatement{}, &sqlengine.Unsupported{},
	} {
		require.True(t, seen[fmt.Sprintf("%T", st)], "no valid parses to %T", st)
	}
}

// errMark marks where a syntax error is expected: the token right after it.
// Without a mark the error is expected at the end of the input.
const errMark = "/*@*/"

// invalids must fail with a syntax error at the mark, naming tok.
var invalids = []struct {
	src string
	tok string
}{
	{``, `<EOF>`},
	{`   `, `<EOF>`},
	{`-- only a comment`, `<EOF>`},
	{`/*@*/;`, `;`},
	{`/*@*/FOO`, `FOO`},
	{`/*@*/123`, `123`},
	{`CREATE ROLE`, `<EOF>`},
	{`CREATE ROLE /*@*/'x'`, `'x'`},
	{`CREATE ROLE /*@*/select`, `select`},
	{`CREATE ROLE a/*@*/.b`, `.`},
	{"CREATE ROLE\n  a /*@*/b", `b`},
	{`CREATE ROLE a COMMENT = /*@*/1`, `1`},
	{`CREATE ROLE IF NOT /*@*/r`, `r`},
	{`CREATE SECURE /*@*/ROLE r`, `ROLE`},
	{`CREATE TRANSIENT /*@*/WAREHOUSE w`, `WAREHOUSE`},
	{`CREATE TRANSIENT TEMPORARY /*@*/TABLE t (a INT)`, `TABLE`},
	{`CREATE /*@*/FOO x`, `FOO`},
	{`CREATE OR /*@*/ROLE r`, `ROLE`},
	{`CREATE DATABASE ROLE a.b/*@*/.c`, `.`},
	{`CREATE USER u /*@*/PASSWORD 'x'`, `PASSWORD`},
	{`CREATE USER u PASSWORD = /*@*/=`, `=`},
	{`CREATE USER u DEFAULT_SECONDARY_ROLES = ('ALL'/*@*/`, `<EOF>`},
	{`CREATE TABLE t /*@*/`, `<EOF>`},
	{`CREATE TABLE t (/*@*/)`, `)`},
	{`CREATE TABLE t (a NUMBER(38, 0)`, `<EOF>`},
	{`CREATE TABLE t AS /*@*/INSERT INTO x VALUES (1)`, `INSERT`},
	{`CREATE TABLE t LIKE u /*@*/AS SELECT 1`, `AS`},
	{`CREATE VIEW v /*@*/SELECT 1`, `SELECT`},
	{`CREATE VIEW v AS`, `<EOF>`},
	{`CREATE SEQUENCE s START /*@*/x`, `x`},
	{`CREATE FUNCTION f /*@*/RETURNS INT AS '1'`, `RETURNS`},
	{`CREATE FUNCTION f() /*@*/AS '1'`, `AS`},
	{`CREATE FUNCTION f() RETURNS INT /*@*/EXECUTE AS CALLER AS '1'`, `EXECUTE`},
	{`CREATE PROCEDURE p() RETURNS INT EXECUTE AS /*@*/NOBODY AS '1'`, `NOBODY`},
	{`CREATE FUNCTION f() RETURNS INT AS /*@*/x`, `x`},
	{`ALTER ROLE r`, `<EOF>`},
	{`ALTER ROLE r RENAME TO a/*@*/.b`, `.`},
	{`ALTER /*@*/FOO x`, `FOO`},
	{`ALTER WAREHOUSE w RESUME IF /*@*/SUSPEND`, `SUSPEND`},
	{`ALTER SESSION /*@*/RESET x`, `RESET`},
	{`ALTER SESSION SET /*@*/x`, `x`},
	{`DROP ROLE r /*@*/CASCADE`, `CASCADE`},
	{`DROP TABLE t CASCADE /*@*/RESTRICT`, `RESTRICT`},
	{`DROP DATABASE d/*@*/.s`, `.`},
	{`DROP /*@*/FOO x`, `FOO`},
	{`UNDROP /*@*/FOO r`, `FOO`},
	{`DESC /*@*/ROLE r`, `ROLE`},
	{`DESCRIBE /*@*/`, `<EOF>`},
	{`DESCRIBE TABLE reference('t', /*@*/1)`, `1`},
	{`CALL reference('p')/*@*/`, `<EOF>`},
	{`EXECUTE IMMEDIATE FROM /*@*/x`, `x`},
	{`EXECUTE IMMEDIATE FROM 'a.sql' /*@*/USING (1)`, `USING`},
	{`CREATE STREAMLIT s FROM /*@*/@st`, `@`},
	{`GRANT SELECT ON t TO ROLE r /*@*/x`, `x`},
	{`CALL reference('p', /*@*/x)(1)`, `x`},
	{`GRANT /*@*/ON TABLE t TO ROLE r`, `ON`},
	{`GRANT SELECT /*@*/TO ROLE r`, `TO`},
	{`GRANT SELECT ON TABLE t TO ROLE r /*@*/CASCADE`, `CASCADE`},
	{`GRANT SELECT ON TABLE t TO ROLE r WITH GRANT OPTION /*@*/WITH GRANT OPTION`, `WITH`},
	{`GRANT SELECT ON TABLE t TO ROLE r /*@*/TO ROLE s`, `TO`},
	{`GRANT SELECT ON TABLE t /*@*/FROM ROLE r`, `FROM`},
	{`GRANT OWNERSHIP ON TABLE t TO ROLE r /*@*/WITH GRANT OPTION`, `WITH`},
	{`GRANT ALL /*@*/, SELECT ON TABLE t TO ROLE r`, `,`},
	{`GRANT SELECT ON ALL TABLES IN /*@*/ACCOUNT TO ROLE r`, `ACCOUNT`},
	{`GRANT SELECT ON ALL /*@*/IN SCHEMA s TO ROLE r`, `IN`},
	{`GRANT ROLE a TO /*@*/b`, `b`},
	{`GRANT ROLE a TO /*@*/DATABASE ROLE d.r`, `DATABASE`},
	{`GRANT ROLE a TO ROLE b /*@*/CASCADE`, `CASCADE`},
	{`GRANT DATABASE ROLE d.r TO /*@*/APPLICATION ROLE a.b`, `APPLICATION`},
	{`GRANT APPLICATION ROLE a.r TO /*@*/DATABASE ROLE d.x`, `DATABASE`},
	{`GRANT APPLICATION ROLE a.r TO ROLE x /*@*/WITH GRANT OPTION`, `WITH`},
	{`CREATE TRANSIENT /*@*/APPLICATION ROLE r`, `APPLICATION`},
	{`CREATE APPLICATION a FROM APPLICATION PACKAGE p USING VERSION v /*@*/SHARE_EVENTS_WITH_PROVIDER = TRUE`, `SHARE_EVENTS_WITH_PROVIDER`},
	{`CREATE APPLICATION a FROM APPLICATION PACKAGE p /*@*/COMMENT = 'c'`, `COMMENT`},
	{`CREATE APPLICATION a FROM APPLICATION PACKAGE p USING VERSION v PATCH /*@*/-1`, `-`},
	{`CREATE APPLICATION a FROM APPLICATION PACKAGE p USING /*@*/''`, `''`},
	{`ALTER APPLICATION PACKAGE p ADD PATCH 1 /*@*/VERSION v USING 'x'`, `VERSION`},
	{`ALTER APPLICATION a SET DEBUG_MODE = /*@*/'yes'`, `'yes'`},
	{`ALTER APPLICATION a UNSET DEBUG_MODE, /*@*/LABEL`, `LABEL`},
	{`CREATE APPLICATION PACKAGE p DISTRIBUTION = /*@*/PUBLIC`, `PUBLIC`},
	{`SHOW VERSIONS IN /*@*/DATABASE d`, `DATABASE`},
	{`SHOW APPLICATION ROLES IN APPLICATION a/*@*/.b`, `.`},
	{`ALTER APPLICATION a UNSET REFERENCES (/*@*/t)`, `t`},
	{`ALTER APPLICATION a UNSET REFERENCES ('t', 'a'/*@*/, 'b')`, `,`},
	{`SHOW REFERENCES IN APPLICATION /*@*/'a'`, `'a'`},
	{`REVOKE ROLE a FROM ROLE b CASCADE /*@*/RESTRICT`, `RESTRICT`},
	{`REVOKE DATABASE ROLE d.r FROM ROLE b CASCADE /*@*/RESTRICT`, `RESTRICT`},
	{`REVOKE SELECT ON TABLE t /*@*/TO ROLE r`, `TO`},
	{`REVOKE SELECT ON TABLE t FROM ROLE r /*@*/WITH GRANT OPTION`, `WITH`},
	{`REVOKE GRANT OPTION /*@*/SELECT ON TABLE t FROM ROLE r`, `SELECT`},
	{`SHOW /*@*/FOO`, `FOO`},
	{`SHOW GRANTS TO /*@*/r`, `r`},
	{`SHOW GRANTS OF /*@*/USER u`, `USER`},
	{`SHOW GRANTS ON /*@*/ALL TABLES IN SCHEMA s`, `ALL`},
	{`SHOW GRANTS LIMIT /*@*/x`, `x`},
	{`SHOW GRANTS LIMIT /*@*/1.5`, `1.5`},
	{`SHOW FUTURE GRANTS /*@*/ON SCHEMA s`, `ON`},
	{`SHOW FUTURE GRANTS TO /*@*/USER u`, `USER`},
	{`SHOW ROLES LIKE /*@*/x`, `x`},
	{`SHOW ROLES /*@*/ROLES`, `ROLES`},
	{`SHOW TABLES IN a.b/*@*/.c`, `.`},
	{`USE`, `<EOF>`},
	{`USE ROLE`, `<EOF>`},
	{`USE ROLE a/*@*/.b`, `.`},
	{`USE SECONDARY ROLES a /*@*/b`, `b`},
	{`USE SECONDARY ROLES ALL/*@*/, a`, `,`},
	{`USE a.b/*@*/.c`, `.`},
	{`SET (a, b) = (1/*@*/)`, `)`},
	{`SET (a) = (1/*@*/, 2)`, `,`},
	{`SET x /*@*/1`, `1`},
	{`SELECT`, `<EOF>`},
	{`SELECT /*@*/*`, `*`},
	{`SELECT 1 /*@*/2`, `2`},
	{`SELECT (1`, `<EOF>`},
	{`SELECT f(1/*@*/`, `<EOF>`},
	{`SELECT CASE WHEN`, `<EOF>`},
	{`SELECT CASE END`, `<EOF>`},
	{`SELECT CASE 1 /*@*/ELSE 2 END`, `ELSE`},
	{`SELECT CAST(1 /*@*/INT)`, `INT`},
	{`SELECT 1 IS /*@*/TRUE`, `TRUE`},
	{`SELECT a.b.c/*@*/.d`, `.`},
	{`SELECT 1 AS /*@*/select`, `select`},
	{`SELECT /*@*/#`, `#`},
	{`SELECT /*@*/é`, `é`},
	{`SELECT /*@*/""`, `""`},
	{`SELECT /*@*/$`, `$`},
	{`SELECT 1 /*@*/! 2`, `!`},
	{`SELECT 'abc`, `<EOF>`},
	{`SELECT "abc`, `<EOF>`},
	{`SELECT $$abc`, `<EOF>`},
	{`SELECT 1 /* abc`, `<EOF>`},
	{"SELECT\n1,\n\t/*@*/)", `)`},
	{`SELECT 1; /*@*/SELECT 2`, `SELECT`},
	{`SELECT * FROM t; /*@*/SELECT 2`, `SELECT`},
	{`INSERT INTO t VALUES (/*@*/#)`, `#`},
	{`CREATE PIPE p AS COPY INTO t FROM /*@*/#`, `#`},
	{`CREATE ROLE identifier(/*@*/'a b')`, `'a b'`},
	{`CREATE ROLE identifier(/*@*/$x)`, `$x`},
}

func TestInvalids(t *testing.T) {
	t.Parallel()
	for _, tc := range invalids {
		t.Run(tc.src, func(t *testing.T) {
			src := tc.src
			pos := len(src)
			if i := strings.Index(src, errMark); i >= 0 {
				pos = i + len(errMark)
				for pos < len(src) && strings.ContainsRune(" \t\n", rune(src[pos])) {
					pos++
				}
			}
			line := 1 + strings.Count(src[:pos], "\n")
			col := len([]rune(src[strings.LastIndex(src[:pos], "\n")+1 : pos]))
			st, err := sqlengine.Parse(src)
			require.Nil(t, st)
			require.Error(t, err)
			e := sferr.As(err)
			require.NotNil(t, e, "want *sferr.Error, got %T", err)
			require.Equal(t, 1003, e.Number)
			require.Equal(t, "42000", e.State)
			want := fmt.Sprintf("SQL compilation error:\nsyntax error line %d at position %d unexpected '%s'.", line, col, tc.tok)
			require.Equal(t, want, e.Message)
		})
	}
}

func TestOrReplaceWithIfNotExists(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		`CREATE OR REPLACE ROLE IF NOT EXISTS r`,
		`CREATE OR REPLACE TABLE IF NOT EXISTS t (a INT)`,
		`CREATE OR REPLACE FUNCTION IF NOT EXISTS f() RETURNS INT AS '1'`,
	} {
		_, err := sqlengine.Parse(src)
		e := sferr.As(err)
		require.NotNil(t, e, src)
		require.Equal(t, 1003, e.Number)
		require.Equal(t, "SQL compilation error:\noptions IF NOT EXISTS and OR REPLACE are incompatible.", e.Message)
	}
	// A syntax error later in the statement is reported first.
	_, err := sqlengine.Parse(`CREATE OR REPLACE ROLE IF NOT EXISTS r x`)
	require.Contains(t, err.Error(), "unexpected 'x'")
}

func str(s string) *string { return &s }

func i64(n int64) *int64 { return &n }

// TestAST pins the nodes the executor relies on.
func TestAST(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sql  string
		want sqlengine.Statement
	}{
		{`create role analyst comment = 'x'`,
			&sqlengine.CreateRole{Name: "ANALYST", Comment: str("x")}},
		{`CREATE OR REPLACE ROLE "My ""Role"""`,
			&sqlengine.CreateRole{OrReplace: true, Name: `My "Role"`}},
		{`CREATE ROLE IF NOT EXISTS data`,
			&sqlengine.CreateRole{IfNotExists: true, Name: "DATA"}},
		{`CREATE DATABASE ROLE db1.reader`,
			&sqlengine.CreateDatabaseRole{Name: sqlengine.ObjectName{"DB1", "READER"}}},
		{`ALTER ROLE IF EXISTS a RENAME TO b`,
			&sqlengine.Alter{Kind: sqlengine.KindRole, IfExists: true, Name: sqlengine.ObjectName{"A"},
				Action: sqlengine.AlterRename, NewName: sqlengine.ObjectName{"B"}}},
		{`alter role a set comment = 'c'`,
			&sqlengine.Alter{Kind: sqlengine.KindRole, Name: sqlengine.ObjectName{"A"}, Action: sqlengine.AlterSet,
				Set: sqlengine.Properties{{Name: "COMMENT", Value: sqlengine.Value{Kind: sqlengine.ValueString, Str: "c"}}}}},
		{`ALTER DATABASE ROLE d.r UNSET COMMENT`,
			&sqlengine.Alter{Kind: sqlengine.KindDatabaseRole, Name: sqlengine.ObjectName{"D", "R"},
				Action: sqlengine.AlterUnset, Unset: []string{"COMMENT"}}},
		{`alter table t add column c number(38,0)`,
			&sqlengine.Alter{Kind: sqlengine.KindTable, Name: sqlengine.ObjectName{"T"},
				Action: sqlengine.AlterOther, Other: "ADD COLUMN C NUMBER(38,0)"}},
		{`DROP DATABASE ROLE IF EXISTS r`,
			&sqlengine.Drop{Kind: sqlengine.KindDatabaseRole, IfExists: true, Name: sqlengine.ObjectName{"R"}}},
		{`DROP DATABASE role`,
			&sqlengine.Drop{Kind: sqlengine.KindDatabase, Name: sqlengine.ObjectName{"ROLE"}}},
		{`drop function f(number, varchar(10))`,
			&sqlengine.Drop{Kind: sqlengine.KindFunction, Name: sqlengine.ObjectName{"F"}, ArgTypes: []string{"NUMBER", "VARCHAR(10)"}}},
		{`drop schema s cascade`,
			&sqlengine.Drop{Kind: sqlengine.KindSchema, Name: sqlengine.ObjectName{"S"}, Behavior: sqlengine.BehaviorCascade}},
		{`create user u password='p' default_role=analyst default_secondary_roles=('ALL') disabled=false days_to_expiry=-1`,
			&sqlengine.CreateUser{Name: "U", Props: sqlengine.Properties{
				{Name: "PASSWORD", Value: sqlengine.Value{Kind: sqlengine.ValueString, Str: "p"}},
				{Name: "DEFAULT_ROLE", Value: sqlengine.Value{Kind: sqlengine.ValueIdent, Name: sqlengine.ObjectName{"ANALYST"}}},
				{Name: "DEFAULT_SECONDARY_ROLES", Value: sqlengine.Value{Kind: sqlengine.ValueList,
					List: []sqlengine.Value{{Kind: sqlengine.ValueString, Str: "ALL"}}}},
				{Name: "DISABLED", Value: sqlengine.Value{Kind: sqlengine.ValueBool}},
				{Name: "DAYS_TO_EXPIRY", Value: sqlengine.Value{Kind: sqlengine.ValueNumber, Str: "-1"}},
			}}},
		{`alter user u reset password`,
			&sqlengine.Alter{Kind: sqlengine.KindUser, Name: sqlengine.ObjectName{"U"}, Action: sqlengine.AlterResetPassword}},
		{`call reference('consumer_proc')(11, 'hello world')`,
			&sqlengine.Call{Ref: &sqlengine.Binding{Name: "consumer_proc"},
				Args: []sqlengine.Expr{&sqlengine.NumberLit{Text: "11"}, &sqlengine.StringLit{Value: "hello world"}}}},
		{`describe table reference('the_table', 'a1')`,
			&sqlengine.Describe{Kind: sqlengine.KindTable, Ref: &sqlengine.Binding{Name: "the_table", Alias: "a1"}}},
		{`describe table reference`,
			&sqlengine.Describe{Kind: sqlengine.KindTable, Name: sqlengine.ObjectName{"REFERENCE"}}},
		{`desc user u`,
			&sqlengine.Describe{Kind: sqlengine.KindUser, Name: sqlengine.ObjectName{"U"}}},
		{`create transient schema d.s with managed access`,
			&sqlengine.CreateSchema{Transient: true, Name: sqlengine.ObjectName{"D", "S"}, ManagedAccess: true}},
		{`alter schema s enable managed access`,
			&sqlengine.Alter{Kind: sqlengine.KindSchema, Name: sqlengine.ObjectName{"S"}, Action: sqlengine.AlterEnableManagedAccess}},
		{`create warehouse w with warehouse_size = xsmall auto_suspend = 60`,
			&sqlengine.CreateWarehouse{Name: "W", Props: sqlengine.Properties{
				{Name: "WAREHOUSE_SIZE", Value: sqlengine.Value{Kind: sqlengine.ValueIdent, Name: sqlengine.ObjectName{"XSMALL"}}},
				{Name: "AUTO_SUSPEND", Value: sqlengine.Value{Kind: sqlengine.ValueNumber, Str: "60"}},
			}}},
		{`alter warehouse resume if suspended`,
			&sqlengine.Alter{Kind: sqlengine.KindWarehouse, Action: sqlengine.AlterResume, IfSuspended: true}},
		{`create temp table t (a number(38, 0) not null, b varchar)`,
			&sqlengine.CreateTable{Temporary: true, Name: sqlengine.ObjectName{"T"}, Columns: []sqlengine.ColumnDef{
				{Name: "A", Type: "NUMBER(38,0)", Constraints: "NOT NULL"}, {Name: "B", Type: "VARCHAR"}}}},
		{`create table t as select  1 as a`,
			&sqlengine.CreateTable{Name: sqlengine.ObjectName{"T"}, AsQuery: "select  1 as a"}},
		{`create secure view v comment = 'c' as select 1`,
			&sqlengine.CreateView{Secure: true, Name: sqlengine.ObjectName{"V"},
				Props: sqlengine.Properties{{Name: "COMMENT", Value: sqlengine.Value{Kind: sqlengine.ValueString, Str: "c"}}},
				Query: "select 1"}},
		{`create procedure p(a varchar) returns varchar language sql execute as owner as $$ x $$`,
			&sqlengine.CreateProcedure{Routine: sqlengine.Routine{Name: sqlengine.ObjectName{"P"},
				Args: []sqlengine.RoutineArg{{Name: "A", Type: "VARCHAR"}}, Returns: "VARCHAR", Language: "SQL",
				ExecuteAs: "OWNER", Body: str(" x ")}}},
		{`grant select, create table, apply masking policy on schema d.s to role r with grant option`,
			&sqlengine.GrantPrivileges{Privileges: []string{"SELECT", "CREATE TABLE", "APPLY MASKING POLICY"},
				On: sqlengine.GrantTarget{Kind: sqlengine.TargetObject, ObjectType: "SCHEMA", Name: sqlengine.ObjectName{"D", "S"}},
				To: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"R"}}, WithGrantOption: true}},
		{`grant all privileges on account to analyst`,
			&sqlengine.GrantPrivileges{All: true, On: sqlengine.GrantTarget{Kind: sqlengine.TargetAccount},
				To: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"ANALYST"}}}},
		{`grant usage on function f(number) to role r`,
			&sqlengine.GrantPrivileges{Privileges: []string{"USAGE"},
				On: sqlengine.GrantTarget{Kind: sqlengine.TargetObject, ObjectType: "FUNCTION", Name: sqlengine.ObjectName{"F"}, ArgTypes: []string{"NUMBER"}},
				To: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"R"}}}},
		{`grant select on future external tables in schema d.s to database role d.r`,
			&sqlengine.GrantPrivileges{Privileges: []string{"SELECT"},
				On: sqlengine.GrantTarget{Kind: sqlengine.TargetFuture, ObjectType: "EXTERNAL TABLES",
					InKind: sqlengine.KindSchema, In: sqlengine.ObjectName{"D", "S"}},
				To: sqlengine.Grantee{Kind: sqlengine.GranteeDatabaseRole, Name: sqlengine.ObjectName{"D", "R"}}}},
		{`grant ownership on all tables in database d to role r revoke current grants`,
			&sqlengine.GrantOwnership{
				On: sqlengine.GrantTarget{Kind: sqlengine.TargetAll, ObjectType: "TABLES", InKind: sqlengine.KindDatabase, In: sqlengine.ObjectName{"D"}},
				To: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"R"}}, CurrentGrants: sqlengine.RevokeCurrentGrants}},
		{`grant select, ownership on table t to role r`,
			&sqlengine.GrantPrivileges{Privileges: []string{"SELECT", "OWNERSHIP"},
				On: sqlengine.GrantTarget{Kind: sqlengine.TargetObject, ObjectType: "TABLE", Name: sqlengine.ObjectName{"T"}},
				To: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"R"}}}},
		{`revoke grant option for operate on warehouse w from role r cascade`,
			&sqlengine.RevokePrivileges{GrantOptionFor: true, Privileges: []string{"OPERATE"},
				On:   sqlengine.GrantTarget{Kind: sqlengine.TargetObject, ObjectType: "WAREHOUSE", Name: sqlengine.ObjectName{"W"}},
				From: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"R"}}, Behavior: sqlengine.BehaviorCascade}},
		{`revoke ownership on table t from role r`,
			&sqlengine.RevokePrivileges{Privileges: []string{"OWNERSHIP"},
				On:   sqlengine.GrantTarget{Kind: sqlengine.TargetObject, ObjectType: "TABLE", Name: sqlengine.ObjectName{"T"}},
				From: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"R"}}}},
		{`grant role a to role b`,
			&sqlengine.GrantRole{Role: sqlengine.ObjectName{"A"}, To: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"B"}}}},
		{`grant database role d.a to database role d.b`,
			&sqlengine.GrantRole{DatabaseRole: true, Role: sqlengine.ObjectName{"D", "A"},
				To: sqlengine.Grantee{Kind: sqlengine.GranteeDatabaseRole, Name: sqlengine.ObjectName{"D", "B"}}}},
		{`revoke grant option for role a from role b restrict`,
			&sqlengine.RevokeRole{GrantOptionFor: true, Role: sqlengine.ObjectName{"A"},
				From: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"B"}}, Behavior: sqlengine.BehaviorRestrict}},
		{`show grants`, &sqlengine.ShowGrants{Kind: sqlengine.ShowGrantsCurrentUser}},
		{`show grants on database role d.r limit 5`,
			&sqlengine.ShowGrants{Kind: sqlengine.ShowGrantsOn,
				On:    sqlengine.GrantTarget{Kind: sqlengine.TargetObject, ObjectType: "DATABASE ROLE", Name: sqlengine.ObjectName{"D", "R"}},
				Limit: i64(5)}},
		{`show grants of database role d.r`,
			&sqlengine.ShowGrants{Kind: sqlengine.ShowGrantsOf,
				Grantee: sqlengine.Grantee{Kind: sqlengine.GranteeDatabaseRole, Name: sqlengine.ObjectName{"D", "R"}}}},
		{`show future grants in schema d.s`,
			&sqlengine.ShowFutureGrants{InKind: sqlengine.KindSchema, In: sqlengine.ObjectName{"D", "S"}}},
		{`show future grants to role r`,
			&sqlengine.ShowFutureGrants{To: sqlengine.Grantee{Kind: sqlengine.GranteeRole, Name: sqlengine.ObjectName{"R"}}}},
		{`show terse database roles like 'R%' in database d limit 2 from 'A'`,
			&sqlengine.ShowObjects{Terse: true, Kind: sqlengine.KindDatabaseRole, Like: str("R%"),
				In: sqlengine.ShowScope{Kind: sqlengine.ScopeDatabase, Name: sqlengine.ObjectName{"D"}}, Limit: i64(2), From: str("A")}},
		{`show schemas in database`,
			&sqlengine.ShowObjects{Kind: sqlengine.KindSchema, In: sqlengine.ShowScope{Kind: sqlengine.ScopeDatabase}}},
		{`use secondary roles all`, &sqlengine.UseSecondaryRoles{Mode: sqlengine.SecondaryRolesAll}},
		{`use secondary roles a, "b"`,
			&sqlengine.UseSecondaryRoles{Mode: sqlengine.SecondaryRolesList, Roles: []string{"A", "b"}}},
		{`use d.s`, &sqlengine.Use{Kind: sqlengine.KindSchema, Name: sqlengine.ObjectName{"D", "S"}}},
		{`use role r`, &sqlengine.Use{Kind: sqlengine.KindRole, Name: sqlengine.ObjectName{"R"}}},
		{`alter session set query_tag = 'x'`,
			&sqlengine.AlterSession{Set: sqlengine.Properties{{Name: "QUERY_TAG", Value: sqlengine.Value{Kind: sqlengine.ValueString, Str: "x"}}}}},
		{`set x = 1`, &sqlengine.SetVariable{Names: []string{"X"}, Values: []sqlengine.Expr{&sqlengine.NumberLit{Text: "1"}}}},
		{`select current_role()`,
			&sqlengine.Select{Items: []sqlengine.SelectItem{{Expr: &sqlengine.FuncCall{Name: sqlengine.ObjectName{"CURRENT_ROLE"}}, Text: "CURRENT_ROLE()"}}}},
		{`select is_role_in_session('a') as "in"`,
			&sqlengine.Select{Items: []sqlengine.SelectItem{{
				Expr: &sqlengine.FuncCall{Name: sqlengine.ObjectName{"IS_ROLE_IN_SESSION"}, Args: []sqlengine.Expr{&sqlengine.StringLit{Value: "a"}}},
				Text: "IS_ROLE_IN_SESSION('a')", Alias: "in"}}}},
		{`select  *  from  t ;`, &sqlengine.DataStatement{Verb: "SELECT", Text: "select  *  from  t"}},
		{`insert into t values (1)`, &sqlengine.DataStatement{Verb: "INSERT", Text: "insert into t values (1)"}},
		{`create or replace pipe p as copy into t from @s`,
			&sqlengine.Unsupported{What: "CREATE PIPE", Text: "create or replace pipe p as copy into t from @s"}},
		{`alter account set x = 1`, &sqlengine.Unsupported{What: "ALTER ACCOUNT", Text: "alter account set x = 1"}},
		{`show row access policies`, &sqlengine.Unsupported{What: "SHOW ROW ACCESS POLICIES", Text: "show row access policies"}},
		{`begin transaction`, &sqlengine.Unsupported{What: "BEGIN", Text: "begin transaction"}},
		{`desc warehouse w`, &sqlengine.Unsupported{What: "DESCRIBE WAREHOUSE", Text: "desc warehouse w"}},
	}
	for _, tc := range tests {
		t.Run(tc.sql, func(t *testing.T) {
			got, err := sqlengine.Parse(tc.sql)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

// TestSelectColumnNames checks the names Snowflake gives unaliased columns.
func TestSelectColumnNames(t *testing.T) {
	t.Parallel()
	st, err := sqlengine.Parse("select current_role(), current_secondary_roles( ) ,1+1, 1 +  1, 'a b' || x, \"q\" , lower('X') AS lx, $v")
	require.NoError(t, err)
	var cols []string
	for _, it := range st.(*sqlengine.Select).Items {
		cols = append(cols, it.Column())
	}
	require.Equal(t, []string{"CURRENT_ROLE()", "CURRENT_SECONDARY_ROLES( )", "1+1", "1 + 1", "'a b' || X", `"q"`, "LX", "$V"}, cols)
}

func TestExprTree(t *testing.T) {
	t.Parallel()
	st, err := sqlengine.Parse("select -1 + 2 * 3 || 'x' = 'y' and not a is null or b::int")
	require.NoError(t, err)
	e := st.(*sqlengine.Select).Items[0].Expr
	// (((-1 + (2 * 3)) || 'x') = 'y' AND NOT (a IS NULL)) OR CAST(b AS INT)
	or := e.(*sqlengine.BinaryExpr)
	require.Equal(t, sqlengine.OR, or.Op)
	require.Equal(t, &sqlengine.CastExpr{X: &sqlengine.ColumnRef{Name: sqlengine.ObjectName{"B"}}, Type: "INT"}, or.Y)
	and := or.X.(*sqlengine.BinaryExpr)
	require.Equal(t, sqlengine.AND, and.Op)
	require.Equal(t, &sqlengine.UnaryExpr{Op: sqlengine.NOT, X: &sqlengine.IsNullExpr{X: &sqlengine.ColumnRef{Name: sqlengine.ObjectName{"A"}}}}, and.Y)
	eq := and.X.(*sqlengine.BinaryExpr)
	require.Equal(t, sqlengine.EQ, eq.Op)
	require.Equal(t, "-1 + 2 * 3 || 'x'", eq.X.String())
	require.Equal(t, "-1 + 2 * 3 || 'x' = 'y' AND NOT A IS NULL OR CAST(B AS INT)", e.String())
}

func TestParseScript(t *testing.T) {
	t.Parallel()
	stmts, err := sqlengine.ParseScript(`
		CREATE ROLE a; -- a comment; with a semicolon
		GRANT ROLE a TO ROLE "x;y";;
		CREATE FUNCTION f() RETURNS INT AS $$ SELECT 1; $$;
		SELECT 'a;b' /* ; */
	`)
	require.NoError(t, err)
	require.Len(t, stmts, 4)
	require.IsType(t, &sqlengine.CreateRole{}, stmts[0])
	require.Equal(t, sqlengine.ObjectName{"x;y"}, stmts[1].(*sqlengine.GrantRole).To.Name)
	require.Equal(t, " SELECT 1; ", *stmts[2].(*sqlengine.CreateFunction).Body)
	require.Equal(t, `'a;b'`, stmts[3].(*sqlengine.Select).Items[0].Text)

	stmts, err = sqlengine.ParseScript(" -- nothing\n ; ; ")
	require.NoError(t, err)
	require.Empty(t, stmts)

	_, err = sqlengine.ParseScript("CREATE ROLE a;\nCREATE ROLE b c;")
	require.EqualError(t, err, "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 14 unexpected 'c'.")
}

// TestDeepNesting checks that pathological nesting fails cleanly.
func TestDeepNesting(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"SELECT " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000),
		"SELECT " + strings.Repeat("-", 100000) + "1",
		"SELECT " + strings.Repeat("NOT ", 100000) + "TRUE",
		"CREATE USER u X = " + strings.Repeat("(", 100000),
		"CREATE TABLE t (a " + strings.Repeat("(", 100000),
		"SELECT f(" + strings.Repeat("CASE WHEN ", 50000),
	} {
		_, err := sqlengine.Parse(src)
		require.True(t, sferr.Is(err, 1003), "%.40s: %v", src, err)
	}
	_, err := sqlengine.Parse("SELECT " + strings.Repeat("(", 500) + "1" + strings.Repeat(")", 500))
	require.NoError(t, err)
}

func TestObjectNameString(t *testing.T) {
	t.Parallel()
	require.Equal(t, `DB."my schema".T`, sqlengine.ObjectName{"DB", "my schema", "T"}.String())
	require.Equal(t, "T", sqlengine.ObjectName{"DB", "S", "T"}.Last())
	require.Equal(t, "DATABASE ROLE", sqlengine.KindDatabaseRole.String())
	require.Equal(t, "DATABASE ROLES", sqlengine.KindDatabaseRole.Plural())
	require.Equal(t, 2, sqlengine.KindSchema.NameParts())
}

func TestPropertiesGet(t *testing.T) {
	t.Parallel()
	st, err := sqlengine.Parse("CREATE USER u COMMENT = 'a' DEFAULT_NAMESPACE = d.s COMMENT = 'b'")
	require.NoError(t, err)
	props := st.(*sqlengine.CreateUser).Props
	v, ok := props.Get("COMMENT")
	require.True(t, ok)
	require.Equal(t, "b", v.Text())
	v, ok = props.Get("DEFAULT_NAMESPACE")
	require.True(t, ok)
	require.Equal(t, "D.S", v.Text())
	_, ok = props.Get("EMAIL")
	require.False(t, ok)
}
