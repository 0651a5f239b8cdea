package sqlengine

import (
	"errors"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer/analyzererrors"
	"github.com/dolthub/go-mysql-server/sql/types"
	goerrors "gopkg.in/src-d/go-errors.v1"

	"github.com/frostgate/frostgate/sferr"
)

// gmsErrors is the one table from go-mysql-server's error kinds to
// Snowflake's errors. The statement was rewritten and authorized before it
// ran, so what can fail here is the data: unknown or ambiguous columns,
// values that do not convert or fit, NULL into NOT NULL. Anything else is
// an internal error whose text never reaches the client (style.md C1).
var gmsErrors = []struct {
	kind *goerrors.Kind
	to   func(msg string) *sferr.Error
}{
	{sql.ErrColumnNotFound, func(m string) *sferr.Error { return sferr.InvalidIdentifier(between(m, '"', '"')) }},
	{sql.ErrTableColumnNotFound, func(m string) *sferr.Error {
		// "table \"t\" does not have column \"x\"": the table may be a
		// physical name, and the engine lower-cases both; keep the column.
		rest := m[strings.Index(m, "column")+len("column"):]
		return sferr.InvalidIdentifier(strings.ToUpper(between(rest, '"', '"')))
	}},
	{sql.ErrUnknownColumn, func(m string) *sferr.Error { return sferr.InvalidIdentifier(between(m, '\'', '\'')) }},
	{sql.ErrAmbiguousColumnName, func(m string) *sferr.Error {
		return sferr.AmbiguousColumn(strings.ToUpper(between(m, '"', '"')))
	}},
	{sql.ErrExpectedSingleRow, func(string) *sferr.Error { return sferr.SingleRowSubquery() }},
	{sql.ErrInsertIntoNonNullableProvidedNull, func(string) *sferr.Error { return sferr.NullNotAllowed() }},
	{sql.ErrInsertIntoNonNullableDefaultNullColumn, func(string) *sferr.Error { return sferr.NullNotAllowed() }},
	{sql.ErrInsertIntoMismatchValueCount, func(string) *sferr.Error { return sferr.InsertColumnMismatch() }},
	{analyzererrors.ErrValidationGroupBy, func(m string) *sferr.Error {
		expr := between(m, '\'', '\'')
		if i := strings.LastIndexByte(expr, '.'); i >= 0 {
			expr = expr[i+1:] // drop the engine's table qualifier
		}
		return sferr.NotInGroupBy(strings.ToUpper(expr))
	}},
	{sql.ErrColumnSpecifiedTwice, func(m string) *sferr.Error {
		return sferr.DuplicateColumn(between(m, '\'', '\''))
	}},
	{sql.ErrDuplicateColumn, func(m string) *sferr.Error { return sferr.DuplicateColumn(between(m, '`', '`')) }},
	{types.ErrLengthBeyondLimit, func(m string) *sferr.Error { return sferr.StringTooLong(between(m, '\'', '\'')) }},
	{types.ErrConvertingToDecimal, func(m string) *sferr.Error {
		return sferr.NumericNotRecognized(strings.TrimSuffix(strings.TrimPrefix(m, "value "), " is not a valid Decimal"))
	}},
	{types.ErrConvertToDecimalLimit, func(string) *sferr.Error {
		return sferr.NumericOutOfRange()
	}},
	{sql.ErrValueOutOfRange, func(string) *sferr.Error { return sferr.NumericOutOfRange() }},
	{types.ErrConvertingToTime, func(m string) *sferr.Error { return sferr.DateNotRecognized(between(m, '\'', '\'')) }},
	{sql.ErrInvalidJson, func(m string) *sferr.Error { return sferr.InvalidJSON() }},
	{sql.ErrInvalidValue, func(m string) *sferr.Error {
		// "error: 'abc' is not a valid value for 'bigint'"
		value := between(m, '\'', '\'')
		typ := m[strings.LastIndex(m, "for ")+len("for "):]
		if strings.Contains(typ, "date") || strings.Contains(typ, "time") {
			return sferr.DateNotRecognized(value)
		}
		return sferr.NumericNotRecognized(value)
	}},
	{sql.ErrFunctionNotFound, func(m string) *sferr.Error {
		return sferr.UnknownFunction(strings.ToUpper(between(m, '\'', '\'')))
	}},
}

// gmsError maps an error from go-mysql-server through gmsErrors.
func gmsError(err error) error {
	if err == nil {
		return nil
	}
	if e := sferr.As(err); e != nil {
		return e
	}
	var wrapped sql.WrappedInsertError
	if errors.As(err, &wrapped) && wrapped.Cause != nil {
		if e := gmsError(wrapped.Cause); !sferr.Is(e, internalNumber) {
			return e
		}
		return numericCause(wrapped)
	}
	if m, ok := asMisusedAlias(err); ok {
		return m
	}
	for _, r := range gmsErrors {
		if r.kind.Is(err) {
			return r.to(err.Error())
		}
	}
	return internalError(err)
}

// numericCause reports a row that failed for a reason go-mysql-server does
// not classify; in practice text that does not parse as a number (the
// decimal library's own errors), named by the row's first such text.
func numericCause(w sql.WrappedInsertError) error {
	msg := w.Cause.Error()
	if strings.Contains(msg, "can't convert") || strings.Contains(msg, "no digits") ||
		strings.Contains(msg, "invalid syntax") {
		for _, v := range w.OffendingRow {
			if s, ok := v.(string); ok {
				return sferr.NumericNotRecognized(s)
			}
		}
		return sferr.NumericNotRecognized("")
	}
	return internalError(w.Cause)
}

// internalNumber is sferr.Internal's number.
const internalNumber = 603

// internalError hides an unexpected engine failure behind Snowflake's
// internal error.
func internalError(error) *sferr.Error {
	return sferr.Internal("the data engine failed to run the statement")
}

// between returns the text after the first open and before the next close.
func between(s string, open, close byte) string {
	i := strings.IndexByte(s, open)
	if i < 0 {
		return ""
	}
	s = s[i+1:]
	if j := strings.IndexByte(s, close); j >= 0 {
		return s[:j]
	}
	return s
}

// asMisusedAlias maps go-mysql-server's ErrMisusedAlias; ok is false for
// other errors.
func asMisusedAlias(err error) (*misusedAlias, bool) {
	// A name in WHERE that no column has may be a select-list alias: the
	// statement is rewritten once more with it resolved, and if it is no
	// alias the same error comes back.
	if !sql.ErrMisusedAlias.Is(err) && !sql.ErrColumnNotFound.Is(err) {
		return nil, false
	}
	name := between(err.Error(), '"', '"')
	return &misusedAlias{Name: name, Err: sferr.InvalidIdentifier(name)}, true
}
