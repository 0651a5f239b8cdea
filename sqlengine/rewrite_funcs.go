package sqlengine

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

// The functions a data statement may call: each Snowflake function Frostgate
// runs, with the go-mysql-server expression that computes it. A function
// not in the table is Snowflake's "Unknown function", so nothing reaches
// go-mysql-server that is not listed here (no LOAD_FILE, no USER()).
// https://docs.snowflake.com/en/sql-reference/functions-all

// fnCall is a function call as read.
type fnCall struct {
	name     string
	args     []xpr
	part     string // a date or time part argument (DATEADD, EXTRACT), as MySQL's unit
	star     bool   // f(*)
	distinct bool   // f(DISTINCT ...)
	within   string // WITHIN GROUP (ORDER BY <this>)
	over     string // OVER <this>
}

type fnClass uint8

const (
	scalarFn fnClass = iota
	aggregateFn
	windowFn
)

// fnConv converts one function.
type fnConv struct {
	class    fnClass
	min, max int // accepted argument counts; max < 0 means any
	to       func(c *fnCall, a []string) string
}

// rename calls the MySQL function mysql with the same arguments.
func rename(class fnClass, mysql string, min, max int) fnConv {
	return fnConv{class: class, min: min, max: max, to: func(c *fnCall, a []string) string {
		d := ""
		if c.distinct {
			d = "DISTINCT "
		}
		return mysql + "(" + d + strings.Join(a, ", ") + ")"
	}}
}

func scalar(min, max int, f func(c *fnCall, a []string) string) fnConv {
	return fnConv{class: scalarFn, min: min, max: max, to: f}
}

// castFn converts TO_<type>(x) and TRY_TO_<type>(x) to a cast.
func castFn(typ string) fnConv {
	t, _ := parseSFType(typ)
	return fnConv{class: scalarFn, min: 1, max: 1, to: func(c *fnCall, a []string) string {
		return convertCast(c.args[0], t).sql
	}}
}

// timeFn converts a function whose first argument is a date part.
func timeFn(mysql string, n int) fnConv {
	return fnConv{class: scalarFn, min: n, max: n, to: func(c *fnCall, a []string) string {
		return mysql + "(" + c.part + ", " + strings.Join(a, ", ") + ")"
	}}
}

// datePartFirst are the functions whose first argument is a date part.
var datePartFirst = map[string]bool{
	"DATEADD": true, "TIMEADD": true, "TIMESTAMPADD": true, "DATEDIFF": true, "TIMEDIFF": true,
	"TIMESTAMPDIFF": true, "DATE_TRUNC": true, "DATE_PART": true,
}

var functions map[string]fnConv

func init() {
	nowFn := scalar(0, 0, func(*fnCall, []string) string { return "NOW(6)" })
	lengthFn := rename(scalarFn, "CHAR_LENGTH", 1, 1)
	substrFn := rename(scalarFn, "SUBSTRING", 2, 3)
	locateFn := rename(scalarFn, "LOCATE", 2, 3)
	ifnullFn := rename(scalarFn, "IFNULL", 2, 2)
	toText := fnConv{class: scalarFn, min: 1, max: 1, to: func(c *fnCall, a []string) string {
		return convertCast(c.args[0], typeVarchar).sql
	}}
	toNumber := fnConv{class: scalarFn, min: 1, max: 3, to: func(c *fnCall, a []string) string {
		t := typeNumber
		if len(a) > 1 {
			t.precision, _ = strconv.Atoi(a[1])
		}
		if len(a) > 2 {
			t.scale, _ = strconv.Atoi(a[2])
		}
		return t.cast(a[0])
	}}
	parseJSON := scalar(1, 1, func(c *fnCall, a []string) string { return "CAST(" + a[0] + " AS JSON)" })
	trimFn := func(where string) fnConv {
		return scalar(1, 2, func(c *fnCall, a []string) string {
			if len(a) == 1 {
				if where == "BOTH" {
					return "TRIM(" + a[0] + ")"
				}
				return where[:1] + "TRIM(" + a[0] + ")"
			}
			return "TRIM(" + where + " " + a[1] + " FROM " + a[0] + ")"
		})
	}
	functions = map[string]fnConv{
		// Conditional expressions.
		"IFF":        rename(scalarFn, "IF", 3, 3),
		"NVL":        ifnullFn,
		"IFNULL":     ifnullFn,
		"NVL2":       scalar(3, 3, func(c *fnCall, a []string) string { return "IF(" + a[0] + " IS NOT NULL, " + a[1] + ", " + a[2] + ")" }),
		"COALESCE":   rename(scalarFn, "COALESCE", 1, -1),
		"NULLIF":     rename(scalarFn, "NULLIF", 2, 2),
		"ZEROIFNULL": scalar(1, 1, func(c *fnCall, a []string) string { return "IFNULL(" + a[0] + ", 0)" }),
		"NULLIFZERO": scalar(1, 1, func(c *fnCall, a []string) string { return "NULLIF(" + a[0] + ", 0)" }),
		"EQUAL_NULL": scalar(2, 2, func(c *fnCall, a []string) string { return "(" + a[0] + " <=> " + a[1] + ")" }),
		"DECODE":     scalar(3, -1, decodeSQL),
		"GREATEST":   rename(scalarFn, "GREATEST", 1, -1),
		"LEAST":      rename(scalarFn, "LEAST", 1, -1),
		"DIV0": scalar(2, 2, func(c *fnCall, a []string) string {
			return "IF(" + a[1] + " = 0, 0, " + a[0] + " / " + a[1] + ")"
		}),

		// Strings.
		"UPPER":            rename(scalarFn, "UPPER", 1, 1),
		"LOWER":            rename(scalarFn, "LOWER", 1, 1),
		"LENGTH":           lengthFn,
		"LEN":              lengthFn,
		"CHAR_LENGTH":      lengthFn,
		"CHARACTER_LENGTH": lengthFn,
		"SUBSTR":           substrFn,
		"SUBSTRING":        substrFn,
		"CONCAT":           rename(scalarFn, "CONCAT", 1, -1),
		"CONCAT_WS":        rename(scalarFn, "CONCAT_WS", 2, -1),
		"TRIM":             trimFn("BOTH"),
		"LTRIM":            trimFn("LEADING"),
		"RTRIM":            trimFn("TRAILING"),
		"REPLACE": scalar(2, 3, func(c *fnCall, a []string) string {
			if len(a) == 2 {
				a = append(a, "''")
			}
			return "REPLACE(" + strings.Join(a, ", ") + ")"
		}),
		"LEFT":      rename(scalarFn, "LEFT", 2, 2),
		"RIGHT":     rename(scalarFn, "RIGHT", 2, 2),
		"LPAD":      rename(scalarFn, "LPAD", 2, 3),
		"RPAD":      rename(scalarFn, "RPAD", 2, 3),
		"REVERSE":   rename(scalarFn, "REVERSE", 1, 1),
		"REPEAT":    rename(scalarFn, "REPEAT", 2, 2),
		"SPACE":     rename(scalarFn, "SPACE", 1, 1),
		"ASCII":     rename(scalarFn, "ASCII", 1, 1),
		"CHR":       scalar(1, 1, func(c *fnCall, a []string) string { return "CHAR(" + a[0] + " USING utf8mb4)" }),
		"CHAR":      scalar(1, 1, func(c *fnCall, a []string) string { return "CHAR(" + a[0] + " USING utf8mb4)" }),
		"POSITION":  locateFn,
		"CHARINDEX": locateFn,
		"CONTAINS":  scalar(2, 2, func(c *fnCall, a []string) string { return "(LOCATE(" + a[1] + ", " + a[0] + ") > 0)" }),
		"STARTSWITH": scalar(2, 2, func(c *fnCall, a []string) string {
			return "(LEFT(" + a[0] + ", CHAR_LENGTH(" + a[1] + ")) = " + a[1] + ")"
		}),
		"ENDSWITH": scalar(2, 2, func(c *fnCall, a []string) string {
			return "(RIGHT(" + a[0] + ", CHAR_LENGTH(" + a[1] + ")) = " + a[1] + ")"
		}),
		"SPLIT_PART": scalar(3, 3, func(c *fnCall, a []string) string {
			s, d, n := a[0], a[1], a[2]
			return "IF(" + n + " < 0, SUBSTRING_INDEX(SUBSTRING_INDEX(" + s + ", " + d + ", " + n + "), " + d +
				", 1), SUBSTRING_INDEX(SUBSTRING_INDEX(" + s + ", " + d + ", GREATEST(" + n + ", 1)), " + d + ", -1))"
		}),
		"REGEXP_REPLACE": rename(scalarFn, "REGEXP_REPLACE", 2, 4),
		"REGEXP_SUBSTR":  rename(scalarFn, "REGEXP_SUBSTR", 2, 4),
		"REGEXP_INSTR":   rename(scalarFn, "REGEXP_INSTR", 2, 4),
		"REGEXP_LIKE": scalar(2, 2, func(c *fnCall, a []string) string {
			return "(" + a[0] + " REGEXP CONCAT('^(', " + a[1] + ", ')$'))"
		}),
		"MD5":                  rename(scalarFn, "MD5", 1, 1),
		"SHA1":                 rename(scalarFn, "SHA1", 1, 1),
		"SHA2":                 rename(scalarFn, "SHA2", 1, 2),
		"HEX_ENCODE":           rename(scalarFn, "HEX", 1, 1),
		"BASE64_ENCODE":        rename(scalarFn, "TO_BASE64", 1, 1),
		"BASE64_DECODE_STRING": rename(scalarFn, "FROM_BASE64", 1, 1),
		"UUID_STRING":          scalar(0, 0, func(*fnCall, []string) string { return "UUID()" }),

		// Numbers.
		"ABS":     rename(scalarFn, "ABS", 1, 1),
		"CEIL":    rename(scalarFn, "CEIL", 1, 1),
		"CEILING": rename(scalarFn, "CEIL", 1, 1),
		"FLOOR":   rename(scalarFn, "FLOOR", 1, 1),
		"ROUND":   rename(scalarFn, "ROUND", 1, 2),
		"TRUNC": scalar(1, 2, func(c *fnCall, a []string) string {
			if len(a) == 1 {
				a = append(a, "0")
			}
			return "TRUNCATE(" + a[0] + ", " + a[1] + ")"
		}),
		"MOD":    rename(scalarFn, "MOD", 2, 2),
		"POWER":  rename(scalarFn, "POWER", 2, 2),
		"POW":    rename(scalarFn, "POWER", 2, 2),
		"SQUARE": scalar(1, 1, func(c *fnCall, a []string) string { return "POWER(" + a[0] + ", 2)" }),
		"SQRT":   rename(scalarFn, "SQRT", 1, 1),
		"EXP":    rename(scalarFn, "EXP", 1, 1),
		"LN":     rename(scalarFn, "LN", 1, 1),
		"LOG":    rename(scalarFn, "LOG", 2, 2),
		"SIGN":   rename(scalarFn, "SIGN", 1, 1),
		"PI":     rename(scalarFn, "PI", 0, 0),
		"RANDOM": scalar(0, 1, func(*fnCall, []string) string { return "RAND()" }),
		"SIN":    rename(scalarFn, "SIN", 1, 1),
		"COS":    rename(scalarFn, "COS", 1, 1),
		"TAN":    rename(scalarFn, "TAN", 1, 1),

		// Conversion.
		"TO_VARCHAR":       toText,
		"TO_CHAR":          toText,
		"TO_CHARACTER":     toText,
		"TO_NUMBER":        toNumber,
		"TO_DECIMAL":       toNumber,
		"TO_NUMERIC":       toNumber,
		"TRY_TO_NUMBER":    toNumber,
		"TRY_TO_DECIMAL":   toNumber,
		"TO_DOUBLE":        castFn("FLOAT"),
		"TRY_TO_DOUBLE":    castFn("FLOAT"),
		"TO_BOOLEAN":       castFn("BOOLEAN"),
		"TRY_TO_BOOLEAN":   castFn("BOOLEAN"),
		"TO_DATE":          castFn("DATE"),
		"TRY_TO_DATE":      castFn("DATE"),
		"DATE":             castFn("DATE"),
		"TO_TIME":          castFn("TIME"),
		"TO_TIMESTAMP":     castFn("TIMESTAMP_NTZ"),
		"TO_TIMESTAMP_NTZ": castFn("TIMESTAMP_NTZ"),
		"TO_TIMESTAMP_LTZ": castFn("TIMESTAMP_LTZ"),
		"TO_TIMESTAMP_TZ":  castFn("TIMESTAMP_TZ"),
		"TO_VARIANT":       castFn("VARIANT"),
		"TO_OBJECT":        castFn("OBJECT"),
		"TO_ARRAY":         scalar(1, 1, func(c *fnCall, a []string) string { return "JSON_ARRAY(" + a[0] + ")" }),
		"PARSE_JSON":       parseJSON,
		"TRY_PARSE_JSON":   parseJSON,
		"TO_JSON":          scalar(1, 1, func(c *fnCall, a []string) string { return "CAST(" + a[0] + " AS CHAR)" }),

		// Semi-structured data.
		"OBJECT_CONSTRUCT": rename(scalarFn, "JSON_OBJECT", 0, -1),
		"ARRAY_CONSTRUCT":  rename(scalarFn, "JSON_ARRAY", 0, -1),
		// go-mysql-server's JSON_LENGTH('[]') is NULL, not 0; Snowflake's
		// ARRAY_SIZE is NULL for what is not an array.
		"ARRAY_SIZE": scalar(1, 1, func(c *fnCall, a []string) string {
			return "(CASE WHEN JSON_TYPE(" + a[0] + ") = 'ARRAY' THEN COALESCE(JSON_LENGTH(" + a[0] + "), 0) END)"
		}),
		"OBJECT_KEYS": rename(scalarFn, "JSON_KEYS", 1, 1),
		"GET": scalar(2, 2, func(c *fnCall, a []string) string {
			return "JSON_EXTRACT(" + a[0] + ", CONCAT('$[', " + a[1] + ", ']'))"
		}),

		// Dates and times.
		"CURRENT_DATE":      scalar(0, 0, func(*fnCall, []string) string { return "CURRENT_DATE()" }),
		"CURRENT_TIMESTAMP": nowFn,
		"GETDATE":           nowFn,
		"LOCALTIMESTAMP":    nowFn,
		"SYSTIMESTAMP":      nowFn,
		"SYSDATE":           scalar(0, 0, func(*fnCall, []string) string { return "UTC_TIMESTAMP(6)" }),
		"CURRENT_TIME":      scalar(0, 0, func(*fnCall, []string) string { return "CURTIME(6)" }),
		"DATEADD":           timeFn("TIMESTAMPADD", 2),
		"TIMEADD":           timeFn("TIMESTAMPADD", 2),
		"TIMESTAMPADD":      timeFn("TIMESTAMPADD", 2),
		"DATEDIFF":          timeFn("TIMESTAMPDIFF", 2),
		"TIMEDIFF":          timeFn("TIMESTAMPDIFF", 2),
		"TIMESTAMPDIFF":     timeFn("TIMESTAMPDIFF", 2),
		"DATE_TRUNC":        scalar(1, 1, dateTruncSQL),
		"DATE_PART":         scalar(1, 1, func(c *fnCall, a []string) string { return "EXTRACT(" + c.part + " FROM " + a[0] + ")" }),
		"EXTRACT":           scalar(1, 1, func(c *fnCall, a []string) string { return "EXTRACT(" + c.part + " FROM " + a[0] + ")" }),
		"YEAR":              rename(scalarFn, "YEAR", 1, 1),
		"QUARTER":           rename(scalarFn, "QUARTER", 1, 1),
		"MONTH":             rename(scalarFn, "MONTH", 1, 1),
		"WEEK":              rename(scalarFn, "WEEK", 1, 1),
		"DAY":               rename(scalarFn, "DAY", 1, 1),
		"DAYOFMONTH":        rename(scalarFn, "DAY", 1, 1),
		"DAYOFYEAR":         rename(scalarFn, "DAYOFYEAR", 1, 1),
		"DAYOFWEEK":         scalar(1, 1, func(c *fnCall, a []string) string { return "(DAYOFWEEK(" + a[0] + ") - 1)" }),
		"HOUR":              rename(scalarFn, "HOUR", 1, 1),
		"MINUTE":            rename(scalarFn, "MINUTE", 1, 1),
		"SECOND":            rename(scalarFn, "SECOND", 1, 1),
		"LAST_DAY":          rename(scalarFn, "LAST_DAY", 1, 1),
		"DAYNAME":           scalar(1, 1, func(c *fnCall, a []string) string { return "LEFT(DAYNAME(" + a[0] + "), 3)" }),
		"MONTHNAME":         scalar(1, 1, func(c *fnCall, a []string) string { return "LEFT(MONTHNAME(" + a[0] + "), 3)" }),

		// Aggregates.
		"COUNT":         rename(aggregateFn, "COUNT", 1, -1),
		"SUM":           rename(aggregateFn, "SUM", 1, 1),
		"AVG":           rename(aggregateFn, "AVG", 1, 1),
		"MIN":           rename(aggregateFn, "MIN", 1, 1),
		"MAX":           rename(aggregateFn, "MAX", 1, 1),
		"ANY_VALUE":     rename(aggregateFn, "ANY_VALUE", 1, 1),
		"STDDEV":        rename(aggregateFn, "STDDEV_SAMP", 1, 1),
		"STDDEV_SAMP":   rename(aggregateFn, "STDDEV_SAMP", 1, 1),
		"STDDEV_POP":    rename(aggregateFn, "STDDEV_POP", 1, 1),
		"VARIANCE":      rename(aggregateFn, "VAR_SAMP", 1, 1),
		"VAR_SAMP":      rename(aggregateFn, "VAR_SAMP", 1, 1),
		"VARIANCE_SAMP": rename(aggregateFn, "VAR_SAMP", 1, 1),
		"VAR_POP":       rename(aggregateFn, "VAR_POP", 1, 1),
		"VARIANCE_POP":  rename(aggregateFn, "VAR_POP", 1, 1),
		"ARRAY_AGG":     rename(aggregateFn, "JSON_ARRAYAGG", 1, 1),
		"OBJECT_AGG":    rename(aggregateFn, "JSON_OBJECTAGG", 2, 2),
		"COUNT_IF": {class: aggregateFn, min: 1, max: 1, to: func(c *fnCall, a []string) string {
			return "COUNT(IF(" + a[0] + ", 1, NULL))"
		}},
		"LISTAGG": {class: aggregateFn, min: 1, max: 2, to: func(c *fnCall, a []string) string {
			s := "GROUP_CONCAT("
			if c.distinct {
				s += "DISTINCT "
			}
			s += a[0]
			if c.within != "" {
				s += " ORDER BY " + c.within
			}
			sep := "''"
			if len(a) > 1 {
				sep = a[1]
			}
			return s + " SEPARATOR " + sep + ")"
		}},

		// Window functions.
		"ROW_NUMBER":   rename(windowFn, "ROW_NUMBER", 0, 0),
		"RANK":         rename(windowFn, "RANK", 0, 0),
		"DENSE_RANK":   rename(windowFn, "DENSE_RANK", 0, 0),
		"PERCENT_RANK": rename(windowFn, "PERCENT_RANK", 0, 0),
		"CUME_DIST":    rename(windowFn, "CUME_DIST", 0, 0),
		"NTILE":        rename(windowFn, "NTILE", 1, 1),
		"LAG":          rename(windowFn, "LAG", 1, 3),
		"LEAD":         rename(windowFn, "LEAD", 1, 3),
		"FIRST_VALUE":  rename(windowFn, "FIRST_VALUE", 1, 1),
		"LAST_VALUE":   rename(windowFn, "LAST_VALUE", 1, 1),
		"NTH_VALUE":    rename(windowFn, "NTH_VALUE", 2, 2),
	}
}

// convertCall converts one call, checking what Snowflake checks: the
// function exists, the argument count, and where * , DISTINCT, WITHIN
// GROUP and OVER may appear.
func convertCall(c *fnCall) (string, error) {
	f, ok := functions[c.name]
	if !ok {
		return "", sferr.UnknownFunction(c.name)
	}
	n := len(c.args)
	if c.star {
		if c.name != "COUNT" {
			return "", sferr.InvalidArgument("argument '*' is not valid for function " + c.name)
		}
		n = 1
	}
	if n < f.min {
		return "", sferr.InvalidArgument(fmt.Sprintf("not enough arguments for function [%s], expected %d, got %d", c.name, f.min, n))
	}
	if f.max >= 0 && n > f.max {
		return "", sferr.InvalidArgument(fmt.Sprintf("too many arguments for function [%s] expected %d, got %d", c.name, f.max, n))
	}
	if c.distinct && f.class != aggregateFn {
		return "", sferr.InvalidArgument("DISTINCT is not valid for function " + c.name)
	}
	if c.within != "" && c.name != "LISTAGG" {
		return "", sferr.Unsupported("WITHIN GROUP for " + c.name)
	}
	if f.class == windowFn && c.over == "" {
		return "", sferr.InvalidArgument("Window function " + c.name + " requires an OVER clause")
	}
	if f.class == scalarFn && c.over != "" {
		return "", sferr.InvalidArgument("function " + c.name + " cannot be used as a window function")
	}
	a := make([]string, len(c.args))
	for i, x := range c.args {
		a[i] = x.sql
	}
	if c.star {
		a = []string{"*"}
	}
	s := f.to(c, a)
	if c.over != "" {
		s += " OVER " + c.over
	}
	return s, nil
}

// decodeSQL converts DECODE(expr, search, result, ... [, default]); like
// Snowflake's, it matches NULL with NULL.
func decodeSQL(c *fnCall, a []string) string {
	var b strings.Builder
	b.WriteString("(CASE")
	i := 1
	for ; i+1 < len(a); i += 2 {
		b.WriteString(" WHEN " + a[0] + " <=> " + a[i] + " THEN " + a[i+1])
	}
	if i < len(a) {
		b.WriteString(" ELSE " + a[i])
	}
	b.WriteString(" END)")
	return b.String()
}

// dateTruncSQL converts DATE_TRUNC(part, x) to the first instant of the
// period, as a DATETIME.
func dateTruncSQL(c *fnCall, a []string) string {
	x := a[0]
	switch c.part {
	case "YEAR":
		return "CAST(DATE_FORMAT(" + x + ", '%Y-01-01') AS DATETIME(6))"
	case "QUARTER":
		return "CAST(MAKEDATE(YEAR(" + x + "), 1) + INTERVAL (QUARTER(" + x + ") - 1) QUARTER AS DATETIME(6))"
	case "MONTH":
		return "CAST(DATE_FORMAT(" + x + ", '%Y-%m-01') AS DATETIME(6))"
	case "WEEK":
		return "CAST(DATE_SUB(DATE(" + x + "), INTERVAL WEEKDAY(" + x + ") DAY) AS DATETIME(6))"
	case "DAY":
		return "CAST(DATE(" + x + ") AS DATETIME(6))"
	case "HOUR":
		return "CAST(DATE_FORMAT(" + x + ", '%Y-%m-%d %H:00:00') AS DATETIME(6))"
	case "MINUTE":
		return "CAST(DATE_FORMAT(" + x + ", '%Y-%m-%d %H:%i:00') AS DATETIME(6))"
	case "SECOND":
		return "CAST(DATE_FORMAT(" + x + ", '%Y-%m-%d %H:%i:%s') AS DATETIME(6))"
	}
	return "CAST(" + x + " AS DATETIME(6))"
}
