package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// SYSTEM$REFERENCE and the use of a reference string as a table name
// (spec §9). The account owns references and every decision about them;
// the engine qualifies names and routes a reference written where a table
// name goes to account.UseReference.

// referenceFunc is SYSTEM$REFERENCE(type, name [, scope [, privilege ...]]).
func (s *Session) referenceFunc(args []any) (any, error) {
	if len(args) < 2 {
		return nil, sferr.InvalidArgument("SYSTEM$REFERENCE takes an object type, an object name, an optional scope and privileges, got " + strconv.Itoa(len(args)) + " arguments")
	}
	strs := make([]string, len(args))
	for i, a := range args {
		str, ok := a.(string)
		if !ok {
			return nil, sferr.InvalidArgument("SYSTEM$REFERENCE's arguments are strings, got [" + valueText(a) + "]")
		}
		strs[i] = str
	}
	typ := strings.ToUpper(strings.TrimSpace(strs[0]))
	kind, ok := account.IsReferenceType(typ)
	if !ok && account.DocumentedReferenceType(typ) {
		return nil, sferr.Unsupported("SYSTEM$REFERENCE for object type " + typ)
	}
	parts := 3
	switch kind {
	case account.KindWarehouse, account.KindDatabase:
		parts = 1
	case account.KindSchema:
		parts = 2
	}
	name, err := parseNameText(strs[1], parts)
	if err != nil {
		return nil, sferr.InvalidIdentifier(strs[1])
	}
	path, err := s.qualifyParts(name, parts)
	if err != nil {
		return nil, err
	}
	scope := ""
	if len(strs) > 2 {
		scope = strings.TrimSpace(strs[2])
	}
	var privs []string
	if len(strs) > 3 {
		privs = strs[3:]
	}
	ref, err := s.acct.CreateReference(s.actor, typ, path, scope, privs)
	if err != nil {
		return nil, toSF(err)
	}
	return ref, nil
}

// qualifyParts completes a name of an object that lives at depth parts
// (1 account, 2 database, 3 schema) with the current database and schema.
func (s *Session) qualifyParts(name ObjectName, parts int) ([]string, error) {
	missing := parts - len(name)
	if missing <= 0 {
		return name, nil
	}
	if s.database == "" {
		return nil, sferr.NoCurrentDatabase()
	}
	if missing == 1 {
		if parts == 2 {
			return append([]string{s.database}, name...), nil
		}
		return append([]string{s.database}, name...), nil
	}
	if s.schema == "" {
		return nil, sferr.NoCurrentSchema()
	}
	return append([]string{s.database, s.schema}, name...), nil
}

// isRefToken says whether a one-part name may be a reference string.
func isRefToken(name ObjectName) bool {
	return len(name) == 1 && strings.HasPrefix(name[0], "ENT_REF_")
}

// referenceRelation resolves a reference written as a table name: the
// statement acts on that one object with the rights of the reference's
// creator.
func (d *dataScope) referenceRelation(token string, op account.Op, dml bool) (relation, bool, error) {
	word := "Object"
	if dml {
		word = "Table"
	}
	id, kind, path, _, ok, err := d.s.acct.UseReference(d.s.actor, token, op)
	if !ok {
		return relation{}, false, nil
	}
	if err != nil {
		return relation{}, true, relationError(err, word)
	}
	if kind == account.KindView && dml {
		return relation{}, true, sferr.Unsupported(op.String() + " on a view")
	}
	rel, err := d.finishRelation(id, kind, path, word, dml)
	return rel, true, err
}
