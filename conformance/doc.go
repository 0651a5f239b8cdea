// Package conformance runs Frostgate's conformance suite (testdata/**/*.test,
// in the format of package testfile) against a Target: Frostgate in-process
// (InProc, "inproc"), a Frostgate server over the PostgreSQL protocol (PG,
// "pg", from a pg://USER:PASSWORD@HOST:PORT/ URL), and later over the
// Snowflake protocol, or a real Snowflake account
// (https://docs.snowflake.com/en/user-guide/security-access-control-overview).
//
// Run takes files and folders, finds every *.test (sorted), and runs each file
// on a fresh account from Target.OpenAccount. A file starts in session admin,
// opened with Account.Admin (user ADMIN, password admin, role ACCOUNTADMIN for
// Frostgate). Records then run in order:
//
//   - session NAME switches to NAME, opening it on first use with user=,
//     password= and role=, then USE SECONDARY ROLES for secondary=. Options on
//     a later use must match the opening ones. The error form logs in afresh,
//     expects the login to fail (with CODE, when given), and keeps the current
//     session.
//   - statement ok must succeed; its rows are ignored.
//   - statement error must fail. CODE is compared with the error's Snowflake
//     number (sferr.Error.Number, six digits). TEXT must occur in the message
//     proper (sferr.Error.Message), which is tried as it is and with every
//     newline read as a space, since a file's TEXT is one line while
//     Snowflake writes "SQL compilation error:\n..." on two.
//   - query must succeed with exactly the expected rows, in order or, with
//     rowsort, as sorted sets. columns= keeps the named columns
//     (case-insensitively) in the order listed; a name the result lacks
//     fails. Values are rendered by FormatValue.
//
// A file fails at its first failing record and its later records are not
// run: a file is one scenario whose records build on each other, so once one
// has gone wrong the account is not in the state the rest expect, and their
// failures would only be echoes of the first. A file that does not parse
// fails at the line of the problem.
//
// The Report has one Failure per failing file, printed as
// "file:line: expected ..., got ...", and the closing line
// "N passed, N failed", counting files.
package conformance
