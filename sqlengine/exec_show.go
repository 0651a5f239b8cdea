package sqlengine

import (
	"errors"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

func limitRows(rows [][]any, limit *int64) [][]any {
	if limit != nil && *limit >= 0 && int64(len(rows)) > *limit {
		return rows[:*limit]
	}
	return rows
}

func (s *Session) execShowGrants(n *ShowGrants) (*Result, error) {
	var cols []Column
	var rows [][]any
	switch n.Kind {
	case ShowGrantsCurrentUser:
		user := s.acct.CurrentUser(s.actor)
		gr, err := s.acct.ShowGrantsTo(s.actor, account.Grantee{Kind: account.KindUser, Path: []string{user}})
		if err != nil {
			return nil, err
		}
		cols, rows = grantsToUserCols, grantRows(gr, grantsToUserCols)
	case ShowGrantsOn:
		on, err := s.target(n.On)
		if err != nil {
			return nil, err
		}
		gr, err := s.acct.ShowGrantsOn(s.actor, on.Object)
		if err != nil {
			return nil, err
		}
		cols, rows = grantsOnCols, grantRows(gr, grantsOnCols)
	case ShowGrantsTo:
		g, err := s.grantee(n.Grantee)
		if err != nil {
			return nil, err
		}
		gr, err := s.acct.ShowGrantsTo(s.actor, g)
		if err != nil {
			return nil, err
		}
		cols = grantsToCols
		if g.Kind == account.KindUser {
			cols = grantsToUserCols
		}
		rows = grantRows(gr, cols)
	case ShowGrantsOf:
		var ref account.Ref
		var err error
		switch n.Grantee.Kind {
		case GranteeRole:
			ref, err = s.roleRef(false, false, n.Grantee.Name)
		case GranteeDatabaseRole:
			ref, err = s.roleRef(true, false, n.Grantee.Name)
		case GranteeApplicationRole:
			ref, err = s.roleRef(false, true, n.Grantee.Name)
		default:
			return nil, sferr.Unsupported("SHOW GRANTS OF " + n.Grantee.Kind.String())
		}
		if err != nil {
			return nil, err
		}
		gr, err := s.acct.ShowGrantsOf(s.actor, ref)
		if err != nil {
			return nil, err
		}
		cols, rows = grantsOfCols, roleGrantRows(gr)
	default:
		return nil, sferr.Unsupported("SHOW GRANTS form")
	}
	return rowsResult(cols, limitRows(rows, n.Limit)), nil
}

func (s *Session) execShowFutureGrants(n *ShowFutureGrants) (*Result, error) {
	var fr []account.FutureRow
	var err error
	if n.InKind != 0 {
		k, kerr := accountKind(n.InKind)
		if kerr != nil {
			return nil, kerr
		}
		ref, rerr := s.ref(k, n.In, nil)
		if rerr != nil {
			return nil, rerr
		}
		fr, err = s.acct.ShowFutureGrantsIn(s.actor, ref)
	} else {
		g, gerr := s.grantee(n.To)
		if gerr != nil {
			return nil, gerr
		}
		fr, err = s.acct.ShowFutureGrantsTo(s.actor, g)
	}
	if err != nil {
		return nil, err
	}
	return rowsResult(futureCols, limitRows(futureGrantRows(fr), n.Limit)), nil
}

var terseCols = textCols("created_on", "name", "kind", "database_name", "schema_name")

// scope resolves SHOW's IN clause. Without one, schema objects are listed
// in the current database (or the whole account when there is none).
func (s *Session) scope(k account.Kind, sc ShowScope) (*account.Ref, error) {
	switch sc.Kind {
	case ScopeAccount:
		return nil, nil
	case ScopeNone:
		if k == account.KindSchema || k == account.KindTable || k == account.KindView || k == account.KindStage ||
			k == account.KindSequence || k == account.KindFunction || k == account.KindProcedure || k == account.KindDatabaseRole ||
			k == account.KindStreamlit {
			if s.database != "" {
				return &account.Ref{Kind: account.KindDatabase, Path: []string{s.database}}, nil
			}
			if k == account.KindDatabaseRole {
				return nil, sferr.NoCurrentDatabase()
			}
		}
		if k == account.KindApplicationRole {
			if app := s.acct.InApplication(s.actor); app != "" {
				return &account.Ref{Kind: account.KindApplication, Path: []string{app}}, nil
			}
			return nil, sferr.NoCurrentDatabase()
		}
		return nil, nil
	case ScopeDatabase:
		name := sc.Name
		if name == nil {
			if s.database == "" {
				return nil, sferr.NoCurrentDatabase()
			}
			name = ObjectName{s.database}
		}
		return &account.Ref{Kind: account.KindDatabase, Path: name}, nil
	case ScopeSchema:
		ref, err := s.ref(account.KindSchema, sc.Name, nil)
		if sc.Name == nil {
			if s.database == "" || s.schema == "" {
				return nil, sferr.NoCurrentSchema()
			}
			ref, err = account.Ref{Kind: account.KindSchema, Path: []string{s.database, s.schema}}, nil
		}
		return &ref, err
	case ScopeApplication:
		return &account.Ref{Kind: account.KindApplication, Path: sc.Name}, nil
	case ScopeName:
		if len(sc.Name) == 1 {
			return &account.Ref{Kind: account.KindDatabase, Path: sc.Name}, nil
		}
		ref, err := s.ref(account.KindSchema, sc.Name, nil)
		return &ref, err
	}
	return nil, nil
}

func (s *Session) execShowObjects(n *ShowObjects) (*Result, error) {
	k, err := accountKind(n.Kind)
	if err != nil {
		return nil, err
	}
	if n.History {
		return nil, sferr.Unsupported("SHOW " + n.Kind.Plural() + " HISTORY")
	}
	in, err := s.scope(k, n.In)
	if err != nil {
		return nil, err
	}
	objs, err := s.acct.ShowObjects(s.actor, k, in)
	if err != nil {
		var ae *account.Error
		if errors.As(err, &ae) && ae.Code == account.ErrNotFound && in != nil {
			return nil, sferr.ObjectDoesNotExist() // SHOW ... IN a missing container (spec §6.3)
		}
		return nil, err
	}
	if k == account.KindTable {
		objs = s.withoutOthersTemporaries(objs)
	}
	cols, rows := s.objectRows(k, objs)
	if n.Terse {
		cols = terseCols
		rows = make([][]any, len(objs))
		for i, o := range objs {
			rows[i] = []any{o.Created, o.Name, k.String(), nullIfEmpty(o.Database), nullIfEmpty(o.Schema)}
		}
	}
	nameCol := 1
	if cols[0].Name == "name" {
		nameCol = 0
	}
	like, starts, from, limit := "", "", "", -1
	if n.Like != nil {
		like = *n.Like
	}
	if n.StartsWith != nil {
		starts = *n.StartsWith
	}
	if n.From != nil {
		from = *n.From
	}
	if n.Limit != nil {
		limit = int(*n.Limit)
	}
	return rowsResult(cols, filterRows(rows, nameCol, like, starts, limit, from)), nil
}

// withoutOthersTemporaries drops the temporary tables of other sessions,
// which exist only for the session that created them.
func (s *Session) withoutOthersTemporaries(objs []account.ObjectRow) []account.ObjectRow {
	out := objs[:0:0]
	for _, o := range objs {
		if t := s.eng.cat.table(o.ID); t != nil && t.session != 0 && t.session != s.actor.SessionID() {
			continue
		}
		out = append(out, o)
	}
	return out
}
