// Package sqlengine runs Snowflake SQL against an emulated account: a
// hand-written lexer and recursive-descent parser for Snowflake's dialect, and
// an executor that carries out access-control statements on
// emulator/account and answers SHOW, USE and context functions as Snowflake
// does (https://docs.snowflake.com/en/sql-reference/sql-all).
//
// Table data lives in an embedded go-mysql-server, one per Engine. A data
// statement (SELECT ... FROM, INSERT, UPDATE, DELETE, MERGE, TRUNCATE) is
// rewritten from Snowflake's dialect into go-mysql-server's (rewrite*.go),
// every table and view it names is resolved and authorized through the
// account as it is rewritten (exec_data.go), and only then is it run
// (data*.go, the only files that import go-mysql-server).
//
// An Engine wraps one account; Engine.Open logs a user in and returns a
// Session; Session.Execute runs one statement and returns a Result or an
// *sferr.Error carrying Snowflake's number, SQLSTATE and message.
package sqlengine
