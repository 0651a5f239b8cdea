package conformance

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// TimeLayout is how FormatValue renders a time.Time.
const TimeLayout = "2006-01-02 15:04:05.000 -0700"

var escaper = strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`)

// FormatValue renders one result value as expected rows write it:
//   - nil as NULL, "" as (empty), []byte as its text;
//   - booleans as true and false, integers in decimal;
//   - floats in their shortest form without a trailing ".0", in exponent
//     form below 1e-7 and from 1e21 on, and inf, -inf and NaN as Snowflake
//     prints them;
//   - time.Time in TimeLayout;
//   - anything else with fmt.Sprint.
//
// TAB, newline and carriage return in text are written as \t, \n and \r, so
// that a rendered row stays one line with one TAB between values.
func FormatValue(v any) string {
	var s string
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		s = v
	case []byte:
		s = string(v)
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.FormatInt(int64(v), 10)
	case int8:
		return strconv.FormatInt(int64(v), 10)
	case int16:
		return strconv.FormatInt(int64(v), 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint8:
		return strconv.FormatUint(uint64(v), 10)
	case uint16:
		return strconv.FormatUint(uint64(v), 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float32:
		return formatFloat(float64(v), 32)
	case float64:
		return formatFloat(v, 64)
	case time.Time:
		return v.Format(TimeLayout)
	default:
		s = fmt.Sprint(v)
	}
	if s == "" {
		return "(empty)"
	}
	return escaper.Replace(s)
}

func formatFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	if a := math.Abs(f); a != 0 && (a < 1e-7 || a >= 1e21) {
		return strconv.FormatFloat(f, 'g', -1, bits)
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}
