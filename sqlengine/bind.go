package sqlengine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Bind parameters. Session.Execute takes SQL text only, so a wire protocol
// that receives parameter values (PostgreSQL's Bind message) writes them
// into the text as literals. Placeholders are PostgreSQL's $1, $2, ... and
// Snowflake's ?, never inside strings, quoted identifiers or comments.

// Params returns how many parameters sql takes: the highest $n, or the
// number of ? placeholders, whichever is larger.
func Params(sql string) int {
	n, marks := 0, 0
	forEachPlaceholder(sql, func(_, _ int, num int) {
		if num == 0 {
			marks++
		} else if num > n {
			n = num
		}
	})
	return max(n, marks)
}

// Bind returns sql with each placeholder replaced by the literal of its
// argument: $n by args[n-1], the k-th ? by args[k-1]. Arguments may be nil
// (NULL), string, bool, any integer type, float32 or float64; strings are
// quoted so that no argument can change the statement's structure.
func Bind(sql string, args []any) (string, error) {
	if len(args) == 0 {
		return sql, nil
	}
	var b strings.Builder
	last, mark := 0, 0
	var err error
	forEachPlaceholder(sql, func(start, end, num int) {
		if err != nil {
			return
		}
		if num == 0 {
			mark++
			num = mark
		}
		if num > len(args) {
			err = fmt.Errorf("statement uses parameter %d but only %d given", num, len(args))
			return
		}
		lit, e := literal(args[num-1])
		if e != nil {
			err = fmt.Errorf("parameter %d: %w", num, e)
			return
		}
		b.WriteString(sql[last:start])
		b.WriteString(lit)
		last = end
	})
	if err != nil {
		return "", err
	}
	b.WriteString(sql[last:])
	return b.String(), nil
}

// numbered returns sql with its k-th ? written $k, so that every
// placeholder parses as a positional variable.
func numbered(sql string) string {
	var b strings.Builder
	last, mark := 0, 0
	forEachPlaceholder(sql, func(start, end, num int) {
		if num == 0 {
			mark++
			b.WriteString(sql[last:start])
			b.WriteString("$" + strconv.Itoa(mark))
			last = end
		}
	})
	b.WriteString(sql[last:])
	return b.String()
}

// forEachPlaceholder calls f with the byte range of each placeholder, and
// its number: n for $n, 0 for ?. A $name session variable is not one.
func forEachPlaceholder(sql string, f func(start, end, num int)) {
	var s Scanner
	s.Init(sql, nil)
	for {
		pos, tok, lit := s.Scan()
		switch tok {
		case EOF:
			return
		case QUESTION:
			f(int(pos), int(pos)+len(lit), 0)
		case VARIABLE:
			if n, err := strconv.Atoi(lit[1:]); err == nil && n > 0 {
				f(int(pos), int(pos)+len(lit), n)
			}
		}
	}
}

// literal renders one argument as Snowflake SQL.
func literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case string:
		return quoteString(x), nil
	case bool:
		if x {
			return "TRUE", nil
		}
		return "FALSE", nil
	case int:
		return strconv.Itoa(x), nil
	case int8, int16, int32, int64, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x), nil
	case float32:
		return literal(float64(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Errorf("%v cannot be written as a literal", x)
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0" // stays a float, as the argument was
		}
		return s, nil
	}
	return "", fmt.Errorf("unsupported argument type %T", v)
}
