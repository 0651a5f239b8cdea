package sqlengine

import (
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
	"github.com/shopspring/decimal"
)

// Converting go-mysql-server's types and values into Snowflake's, as
// Result hands them out (nil, string, int64, float64, bool, time.Time).

// snowflakeType is the Snowflake type of a go-mysql-server column type.
// TINYINT(1) is BOOLEAN: Frostgate stores no other TINYINT (a small
// integer literal is a plain TINYINT, a NUMBER).
func snowflakeType(t sql.Type) sfType {
	switch {
	case types.IsDecimal(t):
		d := t.(sql.DecimalType)
		p, s := int(d.Precision()), int(d.Scale())
		if p > 38 {
			p = 38
		}
		if s > 37 {
			s = 37
		}
		if s > p {
			s = p
		}
		return sfType{base: "NUMBER", precision: p, scale: s}
	case types.IsBoolean(t) || t.Type() == sqltypes.Int8 && t.String() == "tinyint(1)":
		return typeBoolean
	case types.IsInteger(t):
		return typeNumber // NUMBER(38,0), as integer columns are declared
	case types.IsFloat(t):
		return typeFloat
	case types.IsBinaryType(t):
		return sfType{base: "BINARY", length: maxBinaryLength}
	case types.IsText(t):
		if st, ok := t.(sql.StringType); ok && st.MaxCharacterLength() > 0 && st.MaxCharacterLength() < maxVarcharLength {
			return sfType{base: "VARCHAR", length: int(st.MaxCharacterLength())}
		}
		return typeVarchar
	case types.IsDateType(t):
		return sfType{base: "DATE"}
	case types.IsTime(t):
		return sfType{base: "TIMESTAMP_NTZ", precision: defaultTimeP}
	case types.IsTimespan(t):
		return sfType{base: "TIME", precision: defaultTimeP}
	case types.IsJSON(t):
		return typeVariant
	case t == types.Null:
		return typeVarchar
	}
	return typeVarchar
}

// result converts go-mysql-server's rows into a query Result, in place:
// most values (strings, BIGINTs, doubles) are handed on as they are.
func (g *gmsResult) result() *Result {
	cols := make([]Column, len(g.schema))
	typs := make([]sfType, len(g.schema))
	for i, c := range g.schema {
		typs[i] = snowflakeType(c.Type)
		cols[i] = typs[i].column(c.Name)
	}
	rows := make([][]any, len(g.rows))
	for i, r := range g.rows {
		for j, v := range r {
			r[j] = toValue(v, typs[j])
		}
		rows[i] = r
	}
	return &Result{columns: cols, rows: rows, kind: KindQuery}
}

// toValue converts one go-mysql-server value of Snowflake type t; a value
// already of a type Result hands out is returned as it is.
func toValue(v any, t sfType) any {
	switch x := v.(type) {
	case nil, string, int64, float64, bool, time.Time:
		return v
	case decimal.Decimal:
		if t.scale > 0 && t.scale <= 12 {
			return x.StringFixed(int32(t.scale))
		}
		if x.IsInteger() {
			if b := x.BigInt(); b.IsInt64() {
				return b.Int64()
			}
		}
		return x.String()
	case int8:
		if t.base == "BOOLEAN" {
			return x != 0
		}
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		if x > 1<<63-1 {
			return strconv.FormatUint(x, 10)
		}
		return int64(x)
	case float32:
		return float64(x)
	case []byte:
		return strings.ToUpper(hex.EncodeToString(x))
	case types.Timespan:
		return x.String()
	case types.JSONDocument:
		return variantText(x.Val)
	case sql.JSONWrapper:
		val, err := x.ToInterface()
		if err != nil {
			return nil
		}
		return variantText(val)
	}
	return nil
}

// variantText renders a VARIANT as Snowflake's result sets do: JSON
// indented by two spaces.
func variantText(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return ""
	}
	return string(b)
}
