// Package testfile parses Frostgate's conformance files (*.test), the format
// fixed by conformance-format.md in the design notes and modelled on
// sqllogictest (https://sqlite.org/sqllogictest/doc/trunk/about.wiki).
//
// A file is a sequence of records separated by blank lines; a line starting
// with '#' between records is a comment. Records and their first lines:
//
//	session NAME [user=U] [password=P] [role=R] [secondary=ALL|NONE]
//	session NAME user=U [password=P] [role=R] error [CODE]
//	statement ok
//	statement error [CODE] [TEXT]
//	query [rowsort] [columns=NAME,NAME,...]
//
// statement and query records continue with their SQL on the following
// lines; a query's SQL ends at a line "----", after which each line is one
// expected row with values separated by one TAB. CODE is a Snowflake error
// number written with six digits; TEXT is the rest of the line, trimmed.
//
// Extension: any number of "skipif TARGET" and "onlyif TARGET" lines may stand
// immediately before a record (no blank or comment line between). A record is
// skipped on a target that a skipif names, and, when it has onlyif lines, on
// every target none of them names. Files without these lines are unaffected.
//
// Restrictions beyond the format, each catching a likely mistake: a statement's
// SQL may not contain a "----" line (use query), and a SQL line that is itself
// a complete record line other than a bare "query" (say "statement ok") is
// rejected, since it almost always means a missing blank line. Trailing
// carriage returns are ignored, so CRLF files parse as LF files.
//
// Parse stops at the first problem and returns an *Error that prints as
// "file:line: problem".
package testfile
