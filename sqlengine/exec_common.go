package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// statusCols is the one-column result of DDL, DCL and USE statements.
var statusCols = []Column{{Name: "status", Type: "TEXT"}}

func status(kind Kind, msg string) *Result {
	return &Result{columns: statusCols, rows: [][]any{{msg}}, kind: kind}
}

func rowsResult(cols []Column, rows [][]any) *Result {
	return &Result{columns: cols, rows: rows, kind: KindQuery}
}

// qualify completes a written name of kind k with the session's current
// database and schema, as Snowflake resolves unqualified names (090105 /
// 090106 when there is none).
func (s *Session) qualify(k account.Kind, parts []string) ([]string, error) {
	want := 1
	switch k {
	case account.KindSchema, account.KindDatabaseRole, account.KindApplicationRole:
		want = 2
	case account.KindTable, account.KindView, account.KindFunction, account.KindProcedure,
		account.KindStage, account.KindSequence, account.KindStreamlit:
		want = 3
	}
	if len(parts) > want || len(parts) == 0 {
		return nil, sferr.SyntaxErrorMessage("invalid identifier '" + account.QualifiedName(parts...) + "'")
	}
	out := make([]string, 0, want)
	missing := want - len(parts)
	if missing >= 1 {
		if want == 3 && missing == 1 {
			// SCHEMA.NAME: database from the session.
			if s.database == "" {
				return nil, sferr.NoCurrentDatabase()
			}
			out = append(out, s.database)
		} else {
			if s.database == "" {
				return nil, sferr.NoCurrentDatabase()
			}
			out = append(out, s.database)
			if missing == 2 {
				if s.schema == "" {
					return nil, sferr.NoCurrentSchema()
				}
				out = append(out, s.schema)
			}
		}
	}
	return append(out, parts...), nil
}

// likeMatch reports whether s matches a SHOW ... LIKE pattern: % and _
// wildcards, backslash escapes, case-insensitive (spec §7.4).
func likeMatch(pattern, s string) bool {
	return like(strings.ToUpper(pattern), strings.ToUpper(s))
}

func like(p, s string) bool {
	for len(p) > 0 {
		switch p[0] {
		case '%':
			for len(p) > 0 && p[0] == '%' {
				p = p[1:]
			}
			if p == "" {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if like(p, s[i:]) {
					return true
				}
			}
			return false
		case '_':
			if s == "" {
				return false
			}
			p, s = p[1:], s[1:]
		case '\\':
			if len(p) > 1 {
				p = p[1:]
			}
			fallthrough
		default:
			if s == "" || s[0] != p[0] {
				return false
			}
			p, s = p[1:], s[1:]
		}
	}
	return s == ""
}

// filterRows applies SHOW's LIKE, STARTS WITH and LIMIT ... FROM to rows
// whose name is in column nameCol. limit < 0 means no limit.
func filterRows(rows [][]any, nameCol int, like, startsWith string, limit int, from string) [][]any {
	out := rows[:0:0]
	for _, r := range rows {
		name, _ := r[nameCol].(string)
		if like != "" && !likeMatch(like, name) {
			continue
		}
		if startsWith != "" && !strings.HasPrefix(name, startsWith) {
			continue
		}
		if from != "" && name < from {
			continue
		}
		out = append(out, r)
		if limit >= 0 && len(out) == limit {
			break
		}
	}
	return out
}

// statusName is how status messages name an object: its stored name,
// unqualified, except database roles (DB.ROLE).
func statusName(ref account.Ref) string {
	if ref.Kind == account.KindDatabaseRole {
		return strings.Join(ref.Path, ".")
	}
	return ref.Path[len(ref.Path)-1]
}

func createdMessage(ref account.Ref, outcome account.Outcome) string {
	if outcome == account.Existed {
		return statusName(ref) + " already exists, statement succeeded."
	}
	return ref.Kind.CreatedWord() + " " + statusName(ref) + " successfully created."
}

func droppedMessage(ref account.Ref, outcome account.Outcome) string {
	if outcome == account.Absent {
		return "Drop statement executed successfully (" + ref.Path[len(ref.Path)-1] + " already dropped)."
	}
	return statusName(ref) + " successfully dropped."
}

const executedOK = "Statement executed successfully."
