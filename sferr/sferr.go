// Package sferr holds the one error type that Frostgate shows its clients:
// a Snowflake error number, a SQLSTATE and a message, built only through the
// named constructors in errors.go so that every number sits beside its text.
//
// The layout of Error() follows gosnowflake's SnowflakeError and the Python
// connector: "002003 (02000): SQL compilation error: ...".
package sferr

import (
	"errors"
	"fmt"
)

// Error is a Snowflake error as a client sees it.
type Error struct {
	Number  int    // Snowflake error number, printed with six digits
	State   string // five-character SQLSTATE (a field named SQLState would clash with the method)
	Message string // the message proper, without number and SQLSTATE
}

// Error implements the error interface in gosnowflake's layout.
func (e *Error) Error() string {
	return fmt.Sprintf("%06d (%s): %s", e.Number, e.State, e.Message)
}

// SQLState returns the SQLSTATE, so callers can match on a one-method
// interface without importing this package (as with pgconn.PgError).
func (e *Error) SQLState() string { return e.State }

// Code returns the error number as Snowflake prints it, six digits.
func (e *Error) Code() string { return fmt.Sprintf("%06d", e.Number) }

// As returns the *Error inside err, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Is reports whether err carries the Snowflake error number n.
func Is(err error, n int) bool {
	e := As(err)
	return e != nil && e.Number == n
}
