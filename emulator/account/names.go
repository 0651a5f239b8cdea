package account

import "strings"

// NormalizeIdent applies Snowflake's identifier rule to one identifier as it
// was written: an unquoted identifier folds to upper case, a double-quoted one
// keeps its text exactly, with "" standing for one double quote.
// The parser, fixtures and SHOW output all go through this one function.
func NormalizeIdent(raw string) string {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		return strings.ReplaceAll(raw[1:len(raw)-1], `""`, `"`)
	}
	return strings.ToUpper(raw)
}

// QuoteIdent renders a stored identifier as Snowflake prints it inside a
// fully qualified name: bare when reading it unquoted would give it back
// (upper-case letters, digits, '_' and '$', not starting with a digit or '$'),
// otherwise double-quoted with '"' doubled.
func QuoteIdent(name string) string {
	if isPlainIdent(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func isPlainIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c == '_':
		case (c >= '0' && c <= '9') || c == '$':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// QualifiedName joins stored identifiers with '.', quoting each as needed.
func QualifiedName(parts ...string) string {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = QuoteIdent(p)
	}
	return strings.Join(quoted, ".")
}
