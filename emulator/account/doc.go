// Package account is the state and the rules of one emulated Snowflake
// account's access control: roles (account and database roles), users,
// securable objects and their containment, privilege and role grants,
// ownership, future grants, and every authorization decision
// (https://docs.snowflake.com/en/user-guide/security-access-control-overview).
//
// It knows no SQL and does no I/O: sqlengine resolves statements into calls
// on Account with an Actor (a session's user, primary and secondary roles),
// and turns the *Error values returned here into Snowflake's error numbers.
// The rules live in two tables, rules (ops.go, rules.go) and validFor /
// allFor (privilege.go); Authorize is the one function that evaluates them.
package account
