package pgwire

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/frostgate/frostgate/sferr"
)

// pgError is an error of the PostgreSQL protocol itself (a malformed
// message, an unknown prepared statement): it has a SQLSTATE but no
// Snowflake number.
type pgError struct {
	code string // SQLSTATE
	msg  string
}

func (e *pgError) Error() string { return e.msg + " (SQLSTATE " + e.code + ")" }

// Reasons the server ends a connection, as PostgreSQL words them.
var (
	errShutdown = &pgError{code: "57P01", msg: "terminating connection due to administrator command"}
	errReset    = &pgError{code: "57P01", msg: "terminating connection: the Frostgate account was reset"}
)

// DetailPrefix starts the Detail field of every ErrorResponse that carries
// a Snowflake error: Detail is exactly DetailPrefix followed by the six
// digits of the number, e.g. "Snowflake error 002003". A client reads it as
// pgconn.PgError.Detail (pgx), pq.Error.Detail (lib/pq),
// ServerErrorMessage.getDetail() (JDBC), or the DETAIL line psql prints.
const DetailPrefix = "Snowflake error "

// errorResponse is the one conversion of an error to its wire form. A
// Snowflake error keeps its SQLSTATE as Code and its message as Message,
// and names its number in Detail; a protocol error has only Code and
// Message; a canceled statement is Snowflake's 000604; anything else is an
// internal error whose Go text is not shown.
func errorResponse(err error, severity string) *pgproto3.ErrorResponse {
	var pe *pgError
	if errors.As(err, &pe) {
		return &pgproto3.ErrorResponse{Severity: severity, SeverityUnlocalized: severity, Code: pe.code, Message: pe.msg}
	}
	e := sferr.As(err)
	switch {
	case e != nil:
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		e = sferr.QueryCanceled()
	default:
		e = sferr.Internal("the statement failed")
	}
	return &pgproto3.ErrorResponse{Severity: severity, SeverityUnlocalized: severity, Code: e.State,
		Message: e.Message, Detail: DetailPrefix + e.Code()}
}
