package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

// sfType is a Snowflake data type as a column definition or a cast names
// it, reduced to its canonical form
// (https://docs.snowflake.com/en/sql-reference/intro-summary-data-types):
// every synonym maps to one base with its precision, scale or length.
type sfType struct {
	base      string // NUMBER, FLOAT, VARCHAR, BINARY, BOOLEAN, DATE, TIME, TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ, VARIANT, OBJECT, ARRAY
	precision int    // NUMBER: digits; TIME and TIMESTAMP_*: fractional-second digits
	scale     int    // NUMBER
	length    int    // VARCHAR: characters; BINARY: bytes
}

// Snowflake's defaults and limits.
const (
	maxVarcharLength = 16777216
	maxBinaryLength  = 8388608
	defaultNumberP   = 38
	defaultTimeP     = 9
)

var (
	typeNumber  = sfType{base: "NUMBER", precision: defaultNumberP}
	typeFloat   = sfType{base: "FLOAT"}
	typeVarchar = sfType{base: "VARCHAR", length: maxVarcharLength}
	typeBoolean = sfType{base: "BOOLEAN"}
	typeVariant = sfType{base: "VARIANT"}
)

// typeSynonyms maps every accepted spelling (without arguments) to its base.
var typeSynonyms = map[string]string{
	"NUMBER": "NUMBER", "DECIMAL": "NUMBER", "DEC": "NUMBER", "NUMERIC": "NUMBER",
	"INT": "INT", "INTEGER": "INT", "BIGINT": "INT", "SMALLINT": "INT", "TINYINT": "INT", "BYTEINT": "INT",
	"FLOAT": "FLOAT", "FLOAT4": "FLOAT", "FLOAT8": "FLOAT", "DOUBLE": "FLOAT", "DOUBLE PRECISION": "FLOAT",
	"REAL":    "FLOAT",
	"VARCHAR": "VARCHAR", "STRING": "VARCHAR", "TEXT": "VARCHAR", "NVARCHAR": "VARCHAR", "NVARCHAR2": "VARCHAR",
	"CHAR VARYING": "VARCHAR", "NCHAR VARYING": "VARCHAR", "CHARACTER VARYING": "VARCHAR",
	"CHAR": "CHAR", "CHARACTER": "CHAR", "NCHAR": "CHAR",
	"BINARY": "BINARY", "VARBINARY": "BINARY",
	"BOOLEAN": "BOOLEAN", "BOOL": "BOOLEAN",
	"DATE": "DATE", "TIME": "TIME",
	"DATETIME": "TIMESTAMP_NTZ", "TIMESTAMP": "TIMESTAMP_NTZ", "TIMESTAMP_NTZ": "TIMESTAMP_NTZ",
	"TIMESTAMPNTZ": "TIMESTAMP_NTZ", "TIMESTAMP WITHOUT TIME ZONE": "TIMESTAMP_NTZ",
	"TIMESTAMP_LTZ": "TIMESTAMP_LTZ", "TIMESTAMPLTZ": "TIMESTAMP_LTZ", "TIMESTAMP WITH LOCAL TIME ZONE": "TIMESTAMP_LTZ",
	"TIMESTAMP_TZ": "TIMESTAMP_TZ", "TIMESTAMPTZ": "TIMESTAMP_TZ", "TIMESTAMP WITH TIME ZONE": "TIMESTAMP_TZ",
	"VARIANT": "VARIANT", "OBJECT": "OBJECT", "ARRAY": "ARRAY",
}

// parseSFType reads a type as the parser normalizes it: upper case, words
// separated by one space, arguments in parentheses ("NUMBER(10,2)",
// "DOUBLE PRECISION", "VARCHAR(20)").
func parseSFType(text string) (sfType, error) {
	name, args, _ := strings.Cut(strings.TrimSpace(text), "(")
	name = strings.Join(strings.Fields(name), " ")
	var nums []int
	if args != "" {
		args = strings.TrimSuffix(strings.TrimSpace(args), ")")
		for _, a := range strings.Split(args, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(a))
			if err != nil || n < 0 {
				return sfType{}, sferr.UnsupportedType(text)
			}
			nums = append(nums, n)
		}
	}
	base, ok := typeSynonyms[name]
	if !ok {
		return sfType{}, sferr.UnsupportedType(text)
	}
	arg := func(i, def int) int {
		if i < len(nums) {
			return nums[i]
		}
		return def
	}
	maxArgs := 0
	var t sfType
	switch base {
	case "NUMBER":
		maxArgs = 2
		t = sfType{base: "NUMBER", precision: arg(0, defaultNumberP), scale: arg(1, 0)}
		if t.precision < 1 || t.precision > 38 || t.scale > 37 || t.scale > t.precision {
			return sfType{}, sferr.UnsupportedType(text)
		}
	case "INT":
		t = typeNumber
	case "FLOAT":
		maxArgs = 1 // FLOAT(p) is accepted and ignored
		t = typeFloat
	case "VARCHAR", "CHAR":
		maxArgs = 1
		def := maxVarcharLength
		if base == "CHAR" {
			def = 1 // CHAR without a length is CHAR(1)
		}
		t = sfType{base: "VARCHAR", length: arg(0, def)}
		if t.length < 1 || t.length > maxVarcharLength {
			return sfType{}, sferr.UnsupportedType(text)
		}
	case "BINARY":
		maxArgs = 1
		t = sfType{base: "BINARY", length: arg(0, maxBinaryLength)}
		if t.length < 1 || t.length > maxBinaryLength {
			return sfType{}, sferr.UnsupportedType(text)
		}
	case "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		maxArgs = 1
		t = sfType{base: base, precision: arg(0, defaultTimeP)}
		if t.precision > 9 {
			return sfType{}, sferr.UnsupportedType(text)
		}
	default:
		t = sfType{base: base}
	}
	if len(nums) > maxArgs {
		return sfType{}, sferr.UnsupportedType(text)
	}
	return t, nil
}

// String renders the type as DESCRIBE TABLE prints it: NUMBER(38,0),
// VARCHAR(16777216), TIMESTAMP_NTZ(9), FLOAT, VARIANT.
func (t sfType) String() string {
	switch t.base {
	case "NUMBER":
		return "NUMBER(" + strconv.Itoa(t.precision) + "," + strconv.Itoa(t.scale) + ")"
	case "VARCHAR", "BINARY":
		return t.base + "(" + strconv.Itoa(t.length) + ")"
	case "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		return t.base + "(" + strconv.Itoa(t.precision) + ")"
	}
	return t.base
}

// dataType is the type's name in INFORMATION_SCHEMA.COLUMNS.DATA_TYPE.
func (t sfType) dataType() string {
	if t.base == "VARCHAR" {
		return "TEXT"
	}
	return t.base
}

// column returns the result-column metadata of a value of this type.
func (t sfType) column(name string) Column {
	c := Column{Name: name, Nullable: true}
	switch t.base {
	case "NUMBER":
		c.Type, c.Precision, c.Scale = "FIXED", t.precision, t.scale
	case "FLOAT":
		c.Type = "REAL"
	case "VARCHAR":
		c.Type = "TEXT"
	default:
		c.Type = t.base
	}
	return c
}

// rowBytes is what a column of this type counts against go-mysql-server's
// 65,535-byte row limit when stored inline (4 bytes per character).
func (t sfType) rowBytes() int {
	switch t.base {
	case "VARCHAR":
		return 4*t.length + 2
	case "BINARY":
		return t.length + 2
	}
	return 0
}

// ddl returns the go-mysql-server column type that stores values of t.
// Long strings and binaries go out of line (LONGTEXT, LONGBLOB) when inline
// is false, which drops the length check. Integers (NUMBER with scale 0)
// are BIGINT: go-mysql-server v0.20.0 compares DECIMAL values by identity
// in hash joins and window peer groups, so ties and matches on DECIMAL keys
// go missing; a BIGINT compares by value, at the price of the 19th to 38th
// digit (docs/compatibility.md D).
func (t sfType) ddl(inline bool) string {
	switch t.base {
	case "NUMBER":
		if t.scale == 0 {
			return "BIGINT"
		}
		return "DECIMAL(" + strconv.Itoa(t.precision) + "," + strconv.Itoa(t.scale) + ")"
	case "FLOAT":
		return "DOUBLE"
	case "VARCHAR":
		if inline {
			return "VARCHAR(" + strconv.Itoa(t.length) + ")"
		}
		return "LONGTEXT"
	case "BINARY":
		if inline {
			return "VARBINARY(" + strconv.Itoa(t.length) + ")"
		}
		return "LONGBLOB"
	case "BOOLEAN":
		return "BOOLEAN"
	case "DATE":
		return "DATE"
	case "TIME":
		return "TIME(6)"
	case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		return "DATETIME(6)"
	}
	return "JSON" // VARIANT, OBJECT, ARRAY
}

// cast renders CAST(x AS t) for go-mysql-server.
func (t sfType) cast(x string) string {
	switch t.base {
	case "NUMBER":
		// go-mysql-server's DECIMAL cast keeps the digits past the scale;
		// Snowflake rounds half away from zero, as ROUND does.
		return "ROUND(CAST(" + x + " AS DECIMAL(" + strconv.Itoa(t.precision) + "," + strconv.Itoa(t.scale) + ")), " +
			strconv.Itoa(t.scale) + ")"
	case "FLOAT":
		return "CAST(" + x + " AS DOUBLE)"
	case "VARCHAR":
		return "CAST(" + x + " AS CHAR)"
	case "BINARY":
		return "CAST(" + x + " AS BINARY)"
	case "BOOLEAN":
		// Snowflake's string spellings of true and false; numbers are true unless 0.
		return "(CASE WHEN " + x + " IS NULL THEN NULL WHEN LOWER(CAST(" + x + " AS CHAR)) IN " +
			"('true','t','yes','y','on','1') THEN TRUE WHEN LOWER(CAST(" + x + " AS CHAR)) IN " +
			"('false','f','no','n','off','0') THEN FALSE ELSE CAST(" + x + " AS DOUBLE) <> 0 END)"
	case "DATE":
		return "CAST(" + x + " AS DATE)"
	case "TIME":
		return "CAST(" + x + " AS TIME(6))"
	case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		return "CAST(" + x + " AS DATETIME(6))"
	case "VARIANT":
		// A value becomes a VARIANT holding it, not parsed JSON (PARSE_JSON parses).
		return "JSON_EXTRACT(JSON_ARRAY(" + x + "), '$[0]')"
	}
	return "CAST(" + x + " AS JSON)" // OBJECT, ARRAY
}
