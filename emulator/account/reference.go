package account

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
)

// References (spec §9): a string that stands for an object and carries the
// rights of the session that made it. A reference records the object's
// fully qualified name, the creator's user, primary role and secondary
// roles, and the privileges it confers; the privileges are checked when the
// reference is used, against the creator's roles as they are then.

// RefScope is a reference's lifespan.
type RefScope uint8

const (
	ScopeCall RefScope = iota + 1
	ScopeSession
	ScopePersistent
)

var scopeNames = map[string]RefScope{"CALL": ScopeCall, "SESSION": ScopeSession, "PERSISTENT": ScopePersistent}

// refType is one row of the references table (spec §9.3): the privileges a
// reference to an object of the kind may carry and the one it carries when
// none is named.
type refType struct {
	kind    Kind
	allowed PrivSet
	def     Privilege
}

// refTypes are the object types SYSTEM$REFERENCE accepts that Frostgate has
// objects for. Others are reported unsupported by the engine.
var refTypes = map[string]refType{
	"TABLE":     {KindTable, setOf("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES"), mustPriv("SELECT")},
	"VIEW":      {KindView, setOf("SELECT", "REFERENCES"), mustPriv("SELECT")},
	"WAREHOUSE": {KindWarehouse, setOf("MODIFY", "MONITOR", "OPERATE", "USAGE"), mustPriv("USAGE")},
	"DATABASE":  {KindDatabase, setOf("USAGE"), mustPriv("USAGE")},
	"SCHEMA":    {KindSchema, setOf("USAGE"), mustPriv("USAGE")},
}

// refOpPriv is the privilege a reference must carry for each operation
// performed through it.
var refOpPriv = map[Op]string{
	OpSelect: "SELECT", OpInsert: "INSERT", OpUpdate: "UPDATE", OpDelete: "DELETE", OpTruncate: "TRUNCATE",
	OpUse: "USAGE", OpOperate: "OPERATE",
}

// reference is a stored reference.
type reference struct {
	typ       string // as SYSTEM$REFERENCE's first argument, upper case
	kind      Kind
	path      []string
	scope     RefScope
	privs     PrivSet
	session   int64 // the creating session (transient scopes)
	user      PrincipalID
	primary   PrincipalID
	mode      SecondaryMode
	secondary []PrincipalID
}

// documentedRefTypes are the object types SYSTEM$REFERENCE documents
// (spec §9.1 and the references table of §9.3).
var documentedRefTypes = map[string]bool{
	"API_INTEGRATION": true, "API INTEGRATION": true, "CATALOG INTEGRATION": true, "COMPUTE_POOL": true,
	"COMPUTE POOL": true, "CORTEX_AGENT": true, "CORTEX AGENT": true, "DATABASE": true,
	"EXTERNAL_ACCESS_INTEGRATION": true, "EXTERNAL ACCESS INTEGRATION": true, "EXTERNAL_TABLE": true,
	"EXTERNAL TABLE": true, "EXTERNAL_VOLUME": true, "EXTERNAL VOLUME": true, "FUNCTION": true,
	"GIT REPOSITORY": true, "MATERIALIZED_VIEW": true, "MATERIALIZED VIEW": true, "POLICY": true,
	"PIPE": true, "PROCEDURE": true, "ROW_ACCESS_POLICY": true, "ROW ACCESS POLICY": true, "SECRET": true,
	"SCHEMA": true, "SNOWFLAKE_INTELLIGENCE": true, "STAGE": true, "TABLE": true, "TAG": true,
	"TASK": true, "VIEW": true, "WAREHOUSE": true,
}

// DocumentedReferenceType reports whether Snowflake documents typ (any
// case) as a SYSTEM$REFERENCE object type, whether or not Frostgate has
// objects of that type.
func DocumentedReferenceType(typ string) bool { return documentedRefTypes[strings.ToUpper(typ)] }

// IsReferenceType reports whether SYSTEM$REFERENCE accepts typ (any case)
// and Frostgate has objects of that type.
func IsReferenceType(typ string) (Kind, bool) {
	t, ok := refTypes[strings.ToUpper(typ)]
	return t.kind, ok
}

// CreateReference is SYSTEM$REFERENCE(typ, name, scope, privs...) for the
// session x. path is the object's name, already qualified with the
// session's current database and schema; scope "" is CALL; privs empty
// means the type's default privilege. The object must exist and be visible
// to x and be of the type given; its privileges are not checked (they are
// checked when the reference is used).
func (a *Account) CreateReference(x *Actor, typ string, path []string, scope string, privs []string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	typ = strings.ToUpper(typ)
	rt, ok := refTypes[typ]
	if !ok {
		return "", invalid("Invalid object type '%s' for reference creation.", typ)
	}
	sc := ScopeCall
	if scope != "" {
		if sc, ok = scopeNames[strings.ToUpper(scope)]; !ok {
			return "", invalid("Invalid reference scope '%s'. Valid values are 'CALL', 'SESSION' and 'PERSISTENT'.", scope)
		}
	}
	var set PrivSet
	for _, p := range privs {
		name := strings.ToUpper(strings.TrimSpace(p))
		if name == "OWNERSHIP" || name == "ALL" || name == "ALL PRIVILEGES" {
			return "", &Error{Code: ErrRefPrivilege, Priv: name, Msg: "cannot"}
		}
		pv, ok := PrivilegeByName(name)
		if !ok || !rt.allowed.Has(pv) {
			return "", &Error{Code: ErrRefPrivilege, Priv: name, Name: typ}
		}
		set = set.With(pv)
	}
	if set.Empty() {
		set = set.With(rt.def)
	}
	o, err := a.resolveAnyRef(x, rt.kind, path)
	if err != nil {
		return "", err
	}
	if o.kind != rt.kind {
		return "", &Error{Code: ErrRefTypeMismatch, Name: typ, Other: o.kind.String()}
	}
	r := &reference{typ: typ, kind: rt.kind, path: append([]string(nil), path...), scope: sc, privs: set,
		session: x.sessionID, user: x.user, primary: x.primary, mode: x.mode,
		secondary: append([]PrincipalID(nil), x.secondary...)}
	var b [8]byte
	_, _ = rand.Read(b[:])
	a.refSeq++
	token := "ENT_REF_" + strings.ReplaceAll(typ, " ", "_") + "_" + strconv.Itoa(a.refSeq) + "_" + strings.ToUpper(hex.EncodeToString(b[:]))
	if a.refs == nil {
		a.refs = map[string]*reference{}
	}
	a.refs[token] = r
	return token, nil
}

// resolveAnyRef finds the object a reference of kind k names: tables and
// views share a name space, so either is found for either type (the
// caller reports the mismatch).
func (a *Account) resolveAnyRef(x *Actor, k Kind, path []string) (*object, *Error) {
	if k != KindTable && k != KindView {
		return a.resolve(x, Ref{Kind: k, Path: path})
	}
	if len(path) != 3 {
		return nil, notFound(KindTable, QualifiedName(path...))
	}
	s, err := a.resolve(x, Ref{Kind: KindSchema, Path: path[:2]})
	if err != nil {
		return nil, err
	}
	id, ok := a.names[nameKey{parent: s.id, ns: KindTable, name: path[2]}]
	if !ok || !a.visible(x, a.objects[id]) {
		return nil, notFound(k, QualifiedName(path...))
	}
	return a.objects[id], nil
}

// IsReference reports whether s is a reference this account made.
func (a *Account) IsReference(s string) bool {
	if !strings.HasPrefix(s, "ENT_REF_") {
		return false
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	_, ok := a.refs[s]
	return ok
}

// UseReference resolves the reference token for op by the session x: the
// object it names now (by name: a renamed or dropped object makes it
// invalid, an undropped or new object of the same name is reached), after
// checking that the reference carries the privilege op needs and that the
// creator's roles, as they are now, allow op. It returns the object, its
// path and an actor with the creator's rights, with which the statement
// acts on that object. ok is false if token is not a reference.
func (a *Account) UseReference(x *Actor, token string, op Op) (id ObjectID, kind Kind, path []string, creator *Actor, ok bool, err error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	r, ok := a.refs[token]
	if !ok {
		return 0, KindNone, nil, nil, false, nil
	}
	if r.scope != ScopePersistent && r.session != x.sessionID {
		return 0, KindNone, nil, nil, true, &Error{Code: ErrRefInvalid}
	}
	if name, need := refOpPriv[op]; !need || !r.privs.Has(mustPriv(name)) {
		p := op.String()
		if need {
			p = name
		}
		return 0, KindNone, nil, nil, true, &Error{Code: ErrRefNotAuthorized, Priv: p}
	}
	c := &Actor{acct: a, user: r.user, primary: r.primary, mode: r.mode, secondary: r.secondary,
		sessionID: x.sessionID}
	c.refresh()
	o := a.lookup(r.kind, r.path, nil)
	if o == nil || o.dropped || o.kind != r.kind {
		return 0, KindNone, nil, nil, true, &Error{Code: ErrRefInvalid}
	}
	if e := a.authorize(c, op, o); e != nil {
		return 0, KindNone, nil, nil, true, e
	}
	return o.id, o.kind, r.path, c, true, nil
}

// DropSessionReferences forgets the transient references a session made
// (its end ends them).
func (a *Account) DropSessionReferences(x *Actor) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for t, r := range a.refs {
		if r.scope != ScopePersistent && r.session == x.sessionID {
			delete(a.refs, t)
		}
	}
}
