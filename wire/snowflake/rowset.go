package snowflake

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/frostgate/frostgate/sqlengine"
)

// The JSON result format (queryResultFormat "json"): a rowtype entry per
// column and a rowset of strings, which gosnowflake (converter.go
// stringToValue), Node (column.js) and Python all read. Value encodings:
//
//	text, variant ... the text            fixed   decimal digits
//	real   shortest decimal ("Infinity")   boolean "1" / "0"
//	timestamp_ltz / _ntz  epoch seconds with scale fraction digits ("1700000000.123")
//	timestamp_tz          the same, a space, then offset minutes + 1440
//	date   days since 1970-01-01           time    seconds since midnight with fraction
//	binary hex                             NULL    JSON null

const (
	maxText   = 16777216 // VARCHAR's default length and byte length
	maxBinary = 8388608
)

// encodeResult reads res to the end and returns its rowtype and rowset.
func encodeResult(res *sqlengine.Result) ([]rowType, [][]*string, error) {
	cols := res.Columns()
	types := make([]rowType, len(cols))
	for i, c := range cols {
		types[i] = columnType(c)
	}
	rows := [][]*string{}
	dest := make([]any, len(cols))
	for {
		err := res.Next(dest)
		if errors.Is(err, io.EOF) {
			return types, rows, nil
		}
		if err != nil {
			return nil, nil, err
		}
		row := make([]*string, len(cols))
		for i, v := range dest {
			row[i] = encodeValue(v, types[i])
		}
		rows = append(rows, row)
	}
}

// columnType describes a column as Snowflake's rowtype does: the type in
// lower case, sizes where the type has them and null elsewhere.
func columnType(c sqlengine.Column) rowType {
	num := func(n int64) *int64 { return &n }
	t := rowType{Name: c.Name, Type: strings.ToLower(c.Type), Nullable: c.Nullable}
	switch t.Type {
	case "text", "variant", "object", "array":
		t.ByteLength, t.Length = num(maxText), num(maxText)
	case "binary":
		t.ByteLength, t.Length = num(maxBinary), num(maxBinary)
	case "fixed":
		p := int64(c.Precision)
		if p == 0 {
			p = 38
		}
		t.Precision, t.Scale = num(p), num(int64(c.Scale))
	case "timestamp_ltz", "timestamp_ntz", "timestamp_tz", "time":
		sc := int64(c.Scale)
		if sc == 0 {
			sc = 9 // Snowflake's default TIMESTAMP / TIME precision
		}
		t.Precision, t.Scale = num(0), num(sc)
	}
	return t
}

// encodeValue renders one value of a column of type t; nil for SQL NULL.
func encodeValue(v any, t rowType) *string {
	if v == nil {
		return nil
	}
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case []byte:
		s = hex.EncodeToString(v)
	case bool:
		s = "0"
		if v {
			s = "1"
		}
	case int64:
		s = strconv.FormatInt(v, 10)
	case int:
		s = strconv.Itoa(v)
	case float64:
		s = encodeFloat(v, t)
	case time.Time:
		s = encodeTime(v, t)
	default:
		s = fmt.Sprint(v)
	}
	return &s
}

func encodeFloat(f float64, t rowType) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	if t.Type == "fixed" && t.Scale != nil {
		return strconv.FormatFloat(f, 'f', int(*t.Scale), 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// encodeTime renders a time by its column type; as a timestamp_ltz unless
// the column says otherwise.
func encodeTime(tm time.Time, t rowType) string {
	scale := 9
	if t.Scale != nil {
		scale = int(*t.Scale)
	}
	switch t.Type {
	case "date":
		y, m, d := tm.Date()
		days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
		return strconv.FormatInt(days, 10)
	case "time":
		y, m, d := tm.Date()
		midnight := time.Date(y, m, d, 0, 0, 0, 0, tm.Location())
		return decimalSeconds(tm.Sub(midnight).Nanoseconds(), scale)
	case "timestamp_ntz":
		// Wall-clock time: the fields as written, read as UTC.
		_, off := tm.Zone()
		return decimalSeconds(tm.UnixNano()+int64(off)*1e9, scale)
	case "timestamp_tz":
		_, off := tm.Zone()
		return decimalSeconds(tm.UnixNano(), scale) + " " + strconv.Itoa(off/60+1440)
	}
	return decimalSeconds(tm.UnixNano(), scale)
}

// decimalSeconds renders nanoseconds as seconds with scale (0..9) fraction
// digits, truncated towards zero, as an exact decimal: "-1.500" for minus
// one and a half seconds, as Node reads it.
func decimalSeconds(nanos int64, scale int) string {
	scale = min(max(scale, 0), 9)
	n := nanos
	for range 9 - scale {
		n /= 10
	}
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	digits := strconv.FormatUint(u, 10)
	if scale > 0 {
		for len(digits) <= scale {
			digits = "0" + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if n < 0 {
		return "-" + digits
	}
	return digits
}
