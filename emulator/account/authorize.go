package account

// Decision is the outcome of an authorization: allowed, or the list of
// every requirement that was not met (Polaris's findMissingPrivileges).
type Decision struct {
	Allowed bool
	Missing []Missing
}

// Missing is one unmet requirement. Visible says whether the session may
// see the object at all: sqlengine reports an invisible object as 002003
// "does not exist or not authorized" and a visible one as 003001.
type Missing struct {
	Kind    Kind
	Name    string // fully qualified, as error texts print it
	Visible bool
}

// Authorize decides whether the session x may perform op on the object id.
// Its cost depends on the session's active roles and the grants on the
// object and its containers, never on the number of grants in the account;
// an allowed decision does not allocate.
func (a *Account) Authorize(x *Actor, op Op, id ObjectID) Decision {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if int(id) >= len(a.objects) || id == 0 {
		return Decision{Missing: []Missing{{Kind: KindNone}}}
	}
	return a.decide(x, op, a.objects[id])
}

func (a *Account) decide(x *Actor, op Op, o *object) Decision {
	x.refresh()
	r := rules[op]
	set := &x.active
	if r.primary {
		set = &x.primSet
	}
	var chain [2]*object
	n := a.containers(o, &chain)
	ok := a.meets(x, set, o, r.target)
	for i := 0; i < n && ok; i++ {
		ok = a.meets(x, set, chain[i], r.containers)
	}
	if ok {
		return Decision{Allowed: true}
	}
	// The object acted on is reported first, then its containers outward
	// (spec §12: CREATE TABLE without the privilege names the schema).
	d := Decision{}
	if !a.meets(x, set, o, r.target) {
		d.Missing = append(d.Missing, a.missing(x, o))
	}
	for i := 0; i < n; i++ {
		if !a.meets(x, set, chain[i], r.containers) {
			d.Missing = append(d.Missing, a.missing(x, chain[i]))
		}
	}
	return d
}

// containers fills chain with o's schema and database (innermost first)
// and returns how many there are.
func (a *Account) containers(o *object, chain *[2]*object) int {
	n := 0
	for p := o; p.kind.inSchema() || p.kind.inDatabase(); {
		p = a.objects[p.parent]
		chain[n] = p
		n++
		if p.kind.isDatabaseLike() {
			break
		}
	}
	return n
}

func (a *Account) meets(x *Actor, set *roleSet, o *object, nd need) bool {
	if nd == (need{}) {
		return true
	}
	privs, _, owner := a.held(o, set)
	switch {
	case owner:
		return true // OWNERSHIP covers every privilege on its object
	case nd.owner:
		return false
	case nd.anyPriv:
		return !privs.Empty()
	case nd.visible:
		return !privs.Empty() || a.manageGrants(set)
	}
	return !privs.Intersect(nd.privs).Empty()
}

// manageGrants reports whether set holds the global MANAGE GRANTS.
func (a *Account) manageGrants(set *roleSet) bool {
	privs, _, _ := a.held(a.objects[a.accountObj], set)
	return privs.Has(PrivManageGrants)
}

// visible reports whether the session may see o: it holds some privilege on
// it (OWNERSHIP included) or MANAGE GRANTS. Roles, users and the account are
// always visible.
func (a *Account) visible(x *Actor, o *object) bool {
	switch o.kind {
	case KindRole, KindUser, KindAccount:
		return true
	case KindApplicationRole:
		// Seen by the roles that hold it (the application's owner among
		// them) and by the application itself.
		x.refresh()
		app := a.objects[o.parent]
		return x.active.has(o.principal) || x.active.has(app.principal) || a.ownsObject(x, app)
	}
	x.refresh()
	privs, _, owner := a.held(o, &x.active)
	if owner || !privs.Empty() || a.manageGrants(&x.active) || (o.system && o.kind == KindSchema) {
		return true
	}
	// The owner of a managed access schema manages, so sees, what is in it.
	if s := a.managedSchema(o); s != nil {
		_, _, schemaOwner := a.held(s, &x.active)
		return schemaOwner
	}
	return false
}

func (a *Account) missing(x *Actor, o *object) Missing {
	return Missing{Kind: o.kind, Name: a.errName(o), Visible: a.visible(x, o)}
}

// errName is the name error texts print: like fqn, but the account's own
// name for ACCOUNT and the bare name for account-level objects.
func (a *Account) errName(o *object) string {
	if o.kind == KindFunction || o.kind == KindProcedure {
		s := a.objects[o.parent]
		return QualifiedName(a.objects[s.parent].name, s.name, o.name)
	}
	return a.fqn(o)
}

// authorize is decide turned into the error sqlengine reports.
func (a *Account) authorize(x *Actor, op Op, o *object) *Error {
	d := a.decide(x, op, o)
	if d.Allowed {
		return nil
	}
	m := d.Missing[0]
	if !m.Visible {
		return notFound(m.Kind, m.Name)
	}
	return denied(m.Kind, m.Name)
}
