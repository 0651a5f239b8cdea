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
	"FUNCTION":  {KindFunction, setOf("USAGE"), mustPriv("USAGE")},
	"PROCEDURE": {KindProcedure, setOf("USAGE"), mustPriv("USAGE")},
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
	args      []string // functions and procedures: the signature
	scope     RefScope
	privs     PrivSet
	session   int64 // the creating session (transient scopes)
	user      PrincipalID
	primary   PrincipalID
	mode      SecondaryMode
	secondary []PrincipalID
	query     string   // a query reference: the SELECT (kind KindNone)
	namespace []string // a query reference: the creator's database and schema
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
//
// args is the signature of a function or procedure (nil otherwise).
func (a *Account) CreateReference(x *Actor, typ string, path, args []string, scope string, privs []string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	typ = strings.ToUpper(typ)
	relation := typ == ""
	if relation {
		typ = "TABLE"
	}
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
	o, err := a.resolveAnyRef(x, rt.kind, path, args)
	if err != nil {
		return "", err
	}
	if relation && o.kind == KindView {
		typ, rt = "VIEW", refTypes["VIEW"]
	}
	if o.kind != rt.kind {
		return "", &Error{Code: ErrRefTypeMismatch, Name: typ, Other: o.kind.String()}
	}
	r := &reference{typ: typ, kind: rt.kind, path: append([]string(nil), path...), args: o.args, scope: sc, privs: set,
		session: x.sessionID, user: x.user, primary: x.primary, mode: x.mode,
		secondary: append([]PrincipalID(nil), x.secondary...)}
	return a.addRef(r), nil
}

// addRef stores r under a new reference string. The caller holds the write lock.
func (a *Account) addRef(r *reference) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	a.refSeq++
	token := "ENT_REF_" + strings.ReplaceAll(r.typ, " ", "_") + "_" + strconv.Itoa(a.refSeq) + "_" + strings.ToUpper(hex.EncodeToString(b[:]))
	if a.refs == nil {
		a.refs = map[string]*reference{}
	}
	a.refs[token] = r
	return token
}

// CreateQueryReference is SYSTEM$QUERY_REFERENCE(query, session): a
// reference to a SELECT, run with the creator's rights where it is used.
// namespace is the creator's current database and schema, in which the
// query's unqualified names resolve. The engine has checked the query's
// form; the names in it are resolved when it is used.
func (a *Account) CreateQueryReference(x *Actor, query string, namespace []string, session bool) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	sc := ScopeCall
	if session {
		sc = ScopeSession
	}
	return a.addRef(&reference{typ: "QUERY", scope: sc, privs: setOf("SELECT"), session: x.sessionID,
		user: x.user, primary: x.primary, mode: x.mode, secondary: append([]PrincipalID(nil), x.secondary...),
		query: query, namespace: append([]string(nil), namespace...)})
}

// resolveAnyRef finds the object a reference of kind k names: tables and
// views share a name space, so either is found for either type (the
// caller reports the mismatch).
func (a *Account) resolveAnyRef(x *Actor, k Kind, path, args []string) (*object, *Error) {
	if k != KindTable && k != KindView {
		return a.resolve(x, Ref{Kind: k, Path: path, Args: args})
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

// RefTarget is what a reference stands for where it is used.
type RefTarget struct {
	ID        ObjectID // the object; 0 for a query reference
	Kind      Kind
	Path      []string // the object's name
	Query     string   // a query reference's SELECT
	Namespace []string // a query reference: database and schema its names resolve in
	Creator   *Actor   // the creator's rights, with which the statement acts on the target
}

// UseReference resolves the reference token for op by the session x: the
// object it names now (by name: a renamed or dropped object makes it
// invalid, an undropped or new object of the same name is reached), after
// checking that the reference carries the privilege op needs and that the
// creator's roles, as they are now, allow op. The statement acts on that
// object with the returned creator's rights. ok is false if token is not
// a reference.
func (a *Account) UseReference(x *Actor, token string, op Op) (t RefTarget, ok bool, err error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	r, ok := a.refs[token]
	if !ok {
		return RefTarget{}, false, nil
	}
	if r.scope != ScopePersistent && r.session != x.sessionID {
		return RefTarget{}, true, &Error{Code: ErrRefInvalid}
	}
	t, e := a.useStored(x, r, op)
	if e != nil {
		return RefTarget{}, true, e
	}
	return t, true, nil
}

// refOpAllowed reports whether privs carries the privilege op needs, with
// the error when it does not.
// OpShow (DESCRIBE) needs no privilege of its own: any the reference
// carries lets its user see the object (Frostgate's choice).
func refOpAllowed(privs PrivSet, op Op) *Error {
	if name, need := refOpPriv[op]; op != OpShow && (!need || !privs.Has(mustPriv(name))) {
		p := op.String()
		if need {
			p = name
		}
		return &Error{Code: ErrRefNotAuthorized, Priv: p}
	}
	return nil
}

// useStored resolves the stored reference r for op by x: the privilege
// check, then the object by its name now, then the creator's roles as they
// are now (UseReference; application bindings, binding_use.go). The caller
// holds the lock.
func (a *Account) useStored(x *Actor, r *reference, op Op) (RefTarget, *Error) {
	if e := refOpAllowed(r.privs, op); e != nil {
		return RefTarget{}, e
	}
	c := &Actor{acct: a, user: r.user, primary: r.primary, mode: r.mode, secondary: r.secondary,
		sessionID: x.sessionID}
	c.refresh()
	if r.query != "" {
		return RefTarget{Query: r.query, Namespace: r.namespace, Creator: c}, nil
	}
	o := a.lookup(r.kind, r.path, r.args)
	if o == nil || o.dropped || o.kind != r.kind {
		return RefTarget{}, &Error{Code: ErrRefInvalid}
	}
	if e := a.authorize(c, op, o); e != nil {
		return RefTarget{}, e
	}
	return RefTarget{ID: o.id, Kind: o.kind, Path: r.path, Creator: c}, nil
}

// EndCallReferences forgets the CALL-scoped references among tokens: a
// CALL ends the references made in its own arguments.
func (a *Account) EndCallReferences(tokens []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, t := range tokens {
		if r, ok := a.refs[t]; ok && r.scope == ScopeCall {
			delete(a.refs, t)
		}
	}
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
