package snowflake

import (
	"context"
	"errors"
	"net/http"

	"github.com/frostgate/frostgate/sferr"
)

// failure is the one place where an error becomes the protocol's failure
// body: success false, code the Snowflake number as six digits ("002003"),
// message the message proper, and data.{errorCode, sqlState, queryId}.
// gosnowflake builds its SnowflakeError from exactly these (errors.go
// populateErrorFields), Node from code, message and data.sqlState.
func failure(e *sferr.Error, queryID string) response {
	code, msg := e.Code(), e.Message
	return response{
		Data:    failureData{ErrorCode: code, SQLState: e.SQLState(), QueryID: queryID},
		Code:    &code,
		Message: &msg,
	}
}

// statusOf is the HTTP status a failure travels with. SQL, login and token
// errors go with 200: drivers read a Snowflake code only from a 200 reply
// (gosnowflake turns any other status into an opaque ErrFailedToPostQuery,
// and renews an expired session only on a 200 carrying 390112). Requests
// the server cannot read at all get a 4xx, as Snowflake's front end does.
func statusOf(e *sferr.Error) int {
	switch e.Number {
	case 390101: // no Authorization header
		return http.StatusUnauthorized
	case 390400: // unreadable request
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// asSF returns err as the Snowflake error a client sees: itself when it is
// one, 000604 for a canceled statement, else an internal error that does not
// leak Go text.
func asSF(err error) *sferr.Error {
	if e := sferr.As(err); e != nil {
		return e
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return sferr.QueryCanceled()
	}
	return sferr.Internal("unexpected server error")
}
