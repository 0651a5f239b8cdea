package pgwire

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/frostgate/frostgate/sqlengine"
)

// oidOf maps a Snowflake column type to the PostgreSQL type that clients
// decode it as. VARIANT, OBJECT and ARRAY travel as their JSON text.
func oidOf(col sqlengine.Column) uint32 {
	switch strings.ToUpper(col.Type) {
	case "FIXED", "NUMBER":
		if col.Scale > 0 {
			return pgtype.NumericOID
		}
		return pgtype.Int8OID
	case "REAL", "FLOAT":
		return pgtype.Float8OID
	case "BOOLEAN":
		return pgtype.BoolOID
	case "DATE":
		return pgtype.DateOID
	case "TIME":
		return pgtype.TimeOID
	case "TIMESTAMP_NTZ":
		return pgtype.TimestampOID
	case "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		return pgtype.TimestamptzOID
	case "BINARY":
		return pgtype.ByteaOID
	}
	return pgtype.TextOID
}

// typeSize is pg_type.typlen: the size of a fixed-width type, -1 otherwise.
func typeSize(oid uint32) int16 {
	switch oid {
	case pgtype.BoolOID:
		return 1
	case pgtype.DateOID:
		return 4
	case pgtype.Int8OID, pgtype.Float8OID, pgtype.TimestampOID, pgtype.TimestamptzOID, pgtype.TimeOID:
		return 8
	}
	return -1
}

// formatOf returns column i's format from Bind's result format codes:
// none means text for all, one applies to all, else one per column.
func formatOf(formats []int16, i int) int16 {
	switch {
	case len(formats) == 0:
		return 0
	case len(formats) == 1:
		return formats[0]
	case i < len(formats):
		return formats[i]
	}
	return 0
}

// rowDescription describes cols with their result formats.
func rowDescription(cols []sqlengine.Column, formats []int16) *pgproto3.RowDescription {
	rd := &pgproto3.RowDescription{Fields: make([]pgproto3.FieldDescription, len(cols))}
	for i, col := range cols {
		oid := oidOf(col)
		rd.Fields[i] = pgproto3.FieldDescription{Name: []byte(col.Name), DataTypeOID: oid,
			DataTypeSize: typeSize(oid), TypeModifier: -1, Format: formatOf(formats, i)}
	}
	return rd
}

// errResultChanged is what PostgreSQL says when a prepared statement's
// result no longer matches its description; pgx drops its statement cache
// on it.
var errResultChanged = &pgError{code: "0A000", msg: "cached plan must not change result type"}

// encodeValue encodes one result value as type oid in format (0 text, 1
// binary). NULL is a nil slice; any other value a non-nil one.
func (c *conn) encodeValue(v any, oid uint32, format int16) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	buf := make([]byte, 0, 16)
	if oid == pgtype.TextOID {
		// text is the same bytes in both formats
		return append(buf, textOf(v)...), nil
	}
	v, ok := adapt(v, oid)
	if !ok {
		return nil, errResultChanged
	}
	out, err := c.types.Encode(oid, format, v, buf)
	if err != nil {
		return nil, &pgError{code: "22P03", msg: fmt.Sprintf("cannot encode a %s value: %v", typeName(oid), err)}
	}
	return out, nil
}

// textOf renders a value of any type as Snowflake shows it in a TEXT column.
func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.Format("2006-01-02 15:04:05.999999999 -0700")
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

// adapt converts a value to the Go type pgtype encodes for oid, when the
// engine's value and the described type differ only in representation.
func adapt(v any, oid uint32) (any, bool) {
	switch oid {
	case pgtype.Int8OID:
		switch x := v.(type) {
		case int64:
			return x, true
		case float64:
			return int64(x), x == math.Trunc(x)
		case string:
			n, err := strconv.ParseInt(x, 10, 64)
			return n, err == nil
		}
	case pgtype.Float8OID:
		switch x := v.(type) {
		case float64:
			return x, true
		case int64:
			return float64(x), true
		case string:
			f, err := strconv.ParseFloat(x, 64)
			return f, err == nil
		}
	case pgtype.NumericOID:
		switch x := v.(type) {
		case int64, float64:
			return x, true
		case string: // a scaled NUMBER's exact digits, "10.50"
			var n pgtype.Numeric
			return n, n.Scan(x) == nil
		}
	case pgtype.BoolOID:
		switch x := v.(type) {
		case bool:
			return x, true
		case string:
			b, err := strconv.ParseBool(x)
			return b, err == nil
		}
	case pgtype.DateOID, pgtype.TimestampOID, pgtype.TimestamptzOID:
		t, ok := v.(time.Time)
		return t.UTC(), ok
	case pgtype.TimeOID:
		if t, ok := v.(time.Time); ok {
			return pgtype.Time{Microseconds: int64(t.Hour())*3600e6 + int64(t.Minute())*60e6 +
				int64(t.Second())*1e6 + int64(t.Nanosecond())/1e3, Valid: true}, true
		}
	case pgtype.ByteaOID:
		switch x := v.(type) {
		case []byte:
			return x, true
		case string:
			return []byte(x), true
		}
	}
	return nil, false
}

func typeName(oid uint32) string {
	if t, ok := pgtype.NewMap().TypeForOID(oid); ok {
		return t.Name
	}
	return "OID " + strconv.FormatUint(uint64(oid), 10)
}

// decodeParam reads one Bind parameter into a value sqlengine.Bind
// writes as a literal: nil, string, int64, float64 or bool. A parameter
// whose type the client left open (OID 0) is read as text.
func (c *conn) decodeParam(src []byte, oid uint32, format int16) (any, error) {
	if src == nil {
		return nil, nil
	}
	if format != 0 && format != 1 {
		return nil, &pgError{code: "08P01", msg: fmt.Sprintf("invalid parameter format code %d", format)}
	}
	if format == 0 && (oid == 0 || oid == pgtype.UnknownOID) {
		return string(src), nil
	}
	if format == 1 && oid == 0 {
		return nil, &pgError{code: "08P01", msg: "a binary parameter needs a type: declare it in Parse"}
	}
	var v any
	if err := c.types.Scan(oid, format, src, &v); err != nil {
		return nil, &pgError{code: "22P02", msg: fmt.Sprintf("invalid %s parameter: %v", typeName(oid), err)}
	}
	switch x := v.(type) {
	case nil, string, int64, float64, bool:
		return x, nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case float32:
		return float64(x), nil
	case []byte:
		return string(x), nil
	case time.Time:
		return x.Format("2006-01-02 15:04:05.999999999 -07:00"), nil
	case pgtype.Numeric:
		f, err := x.Float64Value()
		if err != nil || !f.Valid {
			return nil, &pgError{code: "22P02", msg: "invalid numeric parameter"}
		}
		return f.Float64, nil
	}
	b, err := c.types.Encode(oid, 0, v, nil)
	if err != nil {
		return nil, &pgError{code: "22P02", msg: fmt.Sprintf("unsupported %s parameter", typeName(oid))}
	}
	return string(b), nil
}
